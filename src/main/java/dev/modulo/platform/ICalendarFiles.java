package dev.modulo.platform;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
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

    /** The calendar in {@code file} (UTF-8, a byte-order mark allowed). */
    public static Calendar parse(byte[] file) {
        String text = new String(file, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (!text.stripLeading().regionMatches(true, 0, "BEGIN:VCALENDAR", 0, 15)) {
            throw InvalidInput.of("file", "This is not an iCalendar (.ics) file: it does not start with BEGIN:VCALENDAR.");
        }
        try {
            return new CalendarBuilder().build(new StringReader(text));
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
