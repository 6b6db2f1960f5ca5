package dev.modulo.platform;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import net.fortuna.ical4j.data.CalendarParserFactory;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.data.UnfoldingReader;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import org.springframework.http.MediaType;

/**
 * Uploaded iCalendar files (events for the calendar, tasks for the to-do list), read with ical4j
 * the same way everywhere: a file that is not a calendar, or is damaged, is an {@link InvalidInput}
 * on the form field {@code file}. Blocking CPU work: call it through {@link Blocking}.
 */
public final class ICalendarFiles {

    public static final MediaType MEDIA_TYPE = new MediaType("text", "calendar", StandardCharsets.UTF_8);

    private ICalendarFiles() {
    }

    /**
     * A calendar read from a file, and what the reader had to do about it (a time zone whose
     * definition was replaced), worth a line in the import report.
     */
    public record Read(Calendar calendar, List<String> notes) {
    }

    /** The calendar in {@code file} (UTF-8, a byte-order mark allowed). */
    public static Calendar parse(byte[] file) {
        return read(file).calendar();
    }

    /**
     * The calendar in {@code file} (UTF-8, a byte-order mark allowed), its time zones bounded: one
     * that would expand without limit (offsets changing every second, say) is replaced, with a note.
     */
    public static Read read(byte[] file) {
        String text = new String(file, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (!text.stripLeading().regionMatches(true, 0, "BEGIN:VCALENDAR", 0, 15)) {
            throw InvalidInput.of("file", "This is not an iCalendar (.ics) file: it does not start with BEGIN:VCALENDAR.");
        }
        List<String> notes = new ArrayList<>();
        Calendar[] built = new Calendar[1];
        TimeZoneRegistry zones = TimeZoneRegistryFactory.getInstance().createRegistry();
        try {
            // What CalendarBuilder does, with a content handler that bounds the time zones.
            CalendarParserFactory.getInstance().get().parse(new UnfoldingReader(new StringReader(text)),
                    new BoundedTimeZones(calendar -> built[0] = calendar, zones, notes));
            if (built[0] == null) {
                throw InvalidInput.of("file", "This iCalendar file could not be read, so nothing was imported.");
            }
            return new Read(built[0], List.copyOf(notes));
        } catch (InvalidInput invalid) {
            throw invalid;
        } catch (ParserException broken) {
            throw InvalidInput.of("file", "This iCalendar file is damaged (line " + broken.getLineNo()
                    + "), so nothing was imported.");
        } catch (IOException | RuntimeException unreadable) {
            throw InvalidInput.of("file", "This iCalendar file could not be read, so nothing was imported.");
        }
    }

    /** A property's text, trimmed; empty when the component has none. */
    public static String text(Component component, String name) {
        Optional<Property> property = component.getProperty(name);
        return property.map(Property::getValue).map(String::strip).orElse("");
    }
}
