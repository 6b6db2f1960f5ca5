package dev.modulo.todo;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import dev.modulo.platform.ICalendarFiles;
import dev.modulo.platform.InvalidInput;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.TextList;
import net.fortuna.ical4j.model.component.VToDo;
import net.fortuna.ical4j.model.property.Categories;
import net.fortuna.ical4j.model.property.Completed;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.Due;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.RRule;
import net.fortuna.ical4j.model.property.RelatedTo;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

/**
 * Tasks as iCalendar VTODOs (RFC 5545), with ical4j, the same library the calendar uses: due
 * dates and times, priority, tags as CATEGORIES, done as STATUS/COMPLETED, subtasks as RELATED-TO,
 * and repeating as RRULE (plus Modulo's own X-MODULO-REPEAT for "after done", which RRULE cannot
 * say). Blocking CPU work: callers use the blocking scheduler.
 */
final class TodoCalendars {

    /** One VTODO, read into the terms of a task. */
    record Imported(String uid, String parentUid, String title, String notes, LocalDate dueDate, LocalTime dueTime,
            int priority, Set<String> tags, Instant doneAt, String recurrence) {
    }

    record Parsed(List<Imported> tasks, List<String> skipped, List<String> notes) {
    }

    private static final String REPEAT = "X-MODULO-REPEAT";

    private TodoCalendars() {
    }

    static Parsed read(byte[] file, ZoneId zone, int maxTasks) {
        ICalendarFiles.Read read = ICalendarFiles.read(file);
        Calendar calendar = read.calendar();
        List<VToDo> todos = calendar.getComponents(Component.VTODO);
        if (todos.isEmpty()) {
            throw InvalidInput.of("file", "This calendar file holds no tasks (VTODO), so nothing was imported.");
        }
        if (todos.size() > maxTasks) {
            throw InvalidInput.of("file", "This file holds " + todos.size() + " tasks; at most " + maxTasks
                    + " can be imported at once. Nothing was imported.");
        }
        List<Imported> tasks = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        Set<String> notes = new LinkedHashSet<>(read.notes());
        int number = 0;
        for (VToDo todo : todos) {
            number++;
            String title = ICalendarFiles.text(todo, Property.SUMMARY);
            String name = "Task " + number + (title.isEmpty() ? "" : " (“" + abbreviated(title, 60) + "”)");
            if (title.isEmpty()) {
                skipped.add(name + ": it has no title (SUMMARY).");
                continue;
            }
            try {
                tasks.add(read(todo, title, name, zone, notes));
            } catch (RuntimeException unreadable) {
                skipped.add(name + ": it could not be read (" + unreadable.getClass().getSimpleName() + ").");
            }
        }
        return new Parsed(tasks, skipped, List.copyOf(notes));
    }

    private static Imported read(VToDo todo, String title, String name, ZoneId zone, Set<String> notes) {
        String uid = ICalendarFiles.text(todo, Property.UID);
        String parent = ICalendarFiles.text(todo, Property.RELATED_TO);
        if (title.length() > TodoService.MAX_TITLE) {
            notes.add(name + ": its title was cut to " + TodoService.MAX_TITLE + " characters.");
            title = title.substring(0, TodoService.MAX_TITLE);
        }
        String description = ICalendarFiles.text(todo, Property.DESCRIPTION);
        if (description.length() > TodoService.MAX_NOTES) {
            notes.add(name + ": its notes were cut to " + TodoService.MAX_NOTES + " characters.");
            description = description.substring(0, TodoService.MAX_NOTES);
        }
        LocalDate dueDate = null;
        LocalTime dueTime = null;
        Optional<Due<Temporal>> due = todo.getProperty(Property.DUE);
        if (due.isPresent() && due.get().getDate() != null) {
            Temporal value = due.get().getDate();
            if (value instanceof LocalDate date) {
                dueDate = date;
            } else {
                LocalDateTime local = localIn(value, zone);
                dueDate = local.toLocalDate();
                dueTime = local.toLocalTime().truncatedTo(ChronoUnit.MINUTES);
            }
        }
        int priority = 0;
        String priorityText = ICalendarFiles.text(todo, Property.PRIORITY);
        if (!priorityText.isEmpty()) {
            try {
                int level = Integer.parseInt(priorityText);
                priority = level <= 0 ? 0 : level <= 4 ? 3 : level == 5 ? 2 : 1;
            } catch (NumberFormatException unreadable) {
                notes.add(name + ": its priority “" + priorityText + "” was not understood and left empty.");
            }
        }
        Set<String> tags = new LinkedHashSet<>();
        int leftOut = 0;
        for (Property property : todo.getProperties(Property.CATEGORIES)) {
            for (String category : ((Categories) property).getCategories().getTexts()) {
                String tag = TodoService.normaliseTag(category);
                if (tag.isEmpty() || tags.contains(tag)) {
                    continue;
                }
                if (tags.size() < TodoService.MAX_TAGS && tag.length() <= TodoService.MAX_TAG_LENGTH) {
                    tags.add(tag);
                } else {
                    leftOut++;
                }
            }
        }
        if (leftOut > 0) {
            notes.add(name + ": " + leftOut + (leftOut == 1 ? " tag was" : " tags were") + " left out; a task keeps"
                    + " at most " + TodoService.MAX_TAGS + " tags of up to " + TodoService.MAX_TAG_LENGTH + " characters each.");
        }
        Instant doneAt = null;
        Optional<Completed> completed = todo.getProperty(Property.COMPLETED);
        if (completed.isPresent() && completed.get().getDate() != null) {
            doneAt = completed.get().getDate();
        } else if ("COMPLETED".equalsIgnoreCase(ICalendarFiles.text(todo, Property.STATUS))) {
            doneAt = Instant.EPOCH;
        }
        String recurrence = recurrenceOf(todo, name, notes);
        return new Imported(uid, parent.isEmpty() ? null : parent, title, description, dueDate, dueTime, priority,
                tags, doneAt, recurrence);
    }

    /** Modulo's own X-MODULO-REPEAT first; else the RRULEs a task can follow (every N days, weeks on days, months, years). */
    private static String recurrenceOf(VToDo todo, String name, Set<String> notes) {
        // Modulo's own code, written again from what it means: the file's text may be padded to any length.
        Optional<Recurrence> own = Recurrence.fromCode(ICalendarFiles.text(todo, REPEAT));
        if (own.isPresent()) {
            return own.get().code();
        }
        Optional<RRule<Temporal>> rule = todo.getProperty(Property.RRULE);
        if (rule.isEmpty()) {
            return null;
        }
        Map<String, String> parts = new LinkedHashMap<>();
        for (String part : rule.get().getValue().split(";")) {
            int equals = part.indexOf('=');
            if (equals > 0) {
                parts.put(part.substring(0, equals).toUpperCase(Locale.ROOT), part.substring(equals + 1));
            }
        }
        try {
            Set<String> understood = Set.of("FREQ", "INTERVAL", "BYDAY", "WKST");
            if (!understood.containsAll(parts.keySet())) {
                throw new IllegalArgumentException("parts");
            }
            int interval = Integer.parseInt(parts.getOrDefault("INTERVAL", "1"));
            Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
            if (parts.containsKey("BYDAY")) {
                for (String code : parts.get("BYDAY").split(",")) {
                    days.add(java.util.Arrays.stream(DayOfWeek.values())
                            .filter(day -> day.name().startsWith(code.strip().toUpperCase(Locale.ROOT)))
                            .filter(day -> code.strip().length() == 2)
                            .findFirst().orElseThrow());
                }
            }
            Recurrence.Unit unit = switch (parts.getOrDefault("FREQ", "")) {
                case "DAILY" -> Recurrence.Unit.DAY;
                case "WEEKLY" -> Recurrence.Unit.WEEK;
                case "MONTHLY" -> Recurrence.Unit.MONTH;
                case "YEARLY" -> Recurrence.Unit.YEAR;
                default -> throw new IllegalArgumentException("frequency");
            };
            if (!days.isEmpty() && unit != Recurrence.Unit.WEEK) {
                throw new IllegalArgumentException("days");
            }
            return new Recurrence(unit, interval, days).code();
        } catch (RuntimeException notForTasks) {
            notes.add(name + ": its repeat rule (" + rule.get().getValue()
                    + ") is more than a task can follow; it was imported as a one-off.");
            return null;
        }
    }

    /** What ends every file written (after its tasks). */
    static final String FOOTER = "END:VCALENDAR\r\n";

    /** BEGIN:VCALENDAR and the calendar's properties (exports stream the tasks after it, then {@link #FOOTER}). */
    static String header(String name) {
        Calendar calendar = new Calendar();
        calendar.add(new ProdId("-//Modulo//To-do 1.0//EN"));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(new XProperty("X-WR-CALNAME", name));
        String whole = calendar.toString();
        return whole.substring(0, whole.length() - FOOTER.length());
    }

    /** VTODOs of {@code tasks}, times in {@code zone}. */
    static String tasks(List<TodoTask> tasks, ZoneId zone) {
        StringBuilder text = new StringBuilder();
        for (TodoTask task : tasks) {
            VToDo todo = new VToDo(true);
            todo.replace(new DtStamp(task.createdAt().truncatedTo(ChronoUnit.SECONDS)));
            todo.add(new Uid(uidOf(task.id())));
            todo.add(new Summary(task.title()));
            if (task.notes() != null && !task.notes().isEmpty()) {
                todo.add(new Description(task.notes()));
            }
            if (task.dueDate() != null) {
                todo.add(task.dueTime() == null ? new Due<>(task.dueDate())
                        : new Due<>(task.dueDate().atTime(task.dueTime()).atZone(zone)));
            }
            if (task.priority() > 0) {
                todo.add(new net.fortuna.ical4j.model.property.Priority(switch (task.priority()) {
                    case 3 -> 1;
                    case 2 -> 5;
                    default -> 9;
                }));
            }
            if (!task.tagList().isEmpty()) {
                todo.add(new Categories(new TextList(task.tagList())));
            }
            todo.add(new Status(task.isDone() ? "COMPLETED" : "NEEDS-ACTION"));
            if (task.isDone()) {
                todo.add(new Completed(task.doneAt().truncatedTo(ChronoUnit.SECONDS)));
            }
            if (task.parentId() != null) {
                todo.add(new RelatedTo(uidOf(task.parentId())));
            }
            task.repeats().ifPresent(recurrence -> {
                todo.add(new XProperty(REPEAT, recurrence.code()));
                todo.add(new RRule<>(rruleOf(recurrence)));
            });
            text.append(todo);
        }
        return text.toString();
    }

    private static String rruleOf(Recurrence recurrence) {
        String freq = switch (recurrence.unit()) {
            case DAY, AFTER_DONE -> "DAILY";
            case WEEK -> "WEEKLY";
            case MONTH -> "MONTHLY";
            case YEAR -> "YEARLY";
        };
        String rule = "FREQ=" + freq + (recurrence.interval() > 1 ? ";INTERVAL=" + recurrence.interval() : "");
        if (!recurrence.days().isEmpty()) {
            rule += ";BYDAY=" + recurrence.days().stream().sorted().map(day -> day.name().substring(0, 2))
                    .collect(Collectors.joining(","));
        }
        return rule;
    }

    private static String uidOf(long taskId) {
        return "task-" + taskId + "@modulo";
    }

    private static LocalDateTime localIn(Temporal value, ZoneId zone) {
        if (value instanceof ZonedDateTime zoned) {
            return zoned.withZoneSameInstant(zone).toLocalDateTime();
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.atZoneSameInstant(zone).toLocalDateTime();
        }
        if (value instanceof Instant instant) {
            return instant.atZone(zone).toLocalDateTime();
        }
        return LocalDateTime.from(value);
    }


    private static String abbreviated(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max - 1) + "…";
    }
}
