package dev.modulo.calendar.web;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import dev.modulo.accounts.AccountPrincipal;
import dev.modulo.calendar.CalendarEvent;
import dev.modulo.calendar.CalendarService;
import dev.modulo.calendar.CalendarService.Scope;
import dev.modulo.calendar.EventNotFound;
import dev.modulo.calendar.Occurrence;
import dev.modulo.calendar.RepeatRule;
import dev.modulo.platform.ChangedElsewhere;
import dev.modulo.platform.InvalidInput;
import dev.modulo.web.ClientFault;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The Calendar tab: month, week and agenda views in the account's zone, the event editor (with
 * "this one / this and following / all" for a series), and the delete confirmation.
 */
@Controller
@RequestMapping("/calendar")
class CalendarController {

    static final List<String> ZONES = ZoneId.getAvailableZoneIds().stream()
            .filter(zone -> zone.contains("/") && !zone.startsWith("Etc/") && !zone.startsWith("SystemV/"))
            .sorted()
            .toList();
    static final int AGENDA_DAYS = 30;

    /** A weekday as the repeat form offers it: its RRULE code and its short name. */
    record Weekday(String code, String name) {
    }

    static final List<Weekday> WEEKDAYS = java.util.Arrays.stream(DayOfWeek.values())
            .map(day -> new Weekday(RepeatRule.code(day),
                    day.getDisplayName(java.time.format.TextStyle.SHORT, java.util.Locale.ENGLISH)))
            .toList();

    private final CalendarService calendar;

    CalendarController(CalendarService calendar) {
        this.calendar = calendar;
    }

    @GetMapping
    Rendering home() {
        return Rendering.redirectTo("/calendar/month").build();
    }

    @GetMapping("/month")
    Mono<Rendering> month(@AuthenticationPrincipal AccountPrincipal me, @RequestParam(required = false) String date) {
        return calendar.zoneOf(me.accountId()).flatMap(zone -> {
            LocalDate today = calendar.today(zone);
            LocalDate month = dateOr(date, today).withDayOfMonth(1);
            LocalDate[] range = CalendarPages.monthRange(month);
            return calendar.view(me.accountId(), range[0], range[1], zone).map(view -> Rendering.view("calendar/month")
                    .modelAttribute("view", view)
                    .modelAttribute("weeks", CalendarPages.weeks(view, month, today))
                    .modelAttribute("period", month)
                    .modelAttribute("previous", month.minusMonths(1))
                    .modelAttribute("next", month.plusMonths(1))
                    .modelAttribute("today", today)
                    .modelAttribute("mode", "month")
                    .build());
        });
    }

    @GetMapping("/week")
    Mono<Rendering> week(@AuthenticationPrincipal AccountPrincipal me, @RequestParam(required = false) String date) {
        return calendar.zoneOf(me.accountId()).flatMap(zone -> {
            LocalDate today = calendar.today(zone);
            LocalDate start = CalendarPages.startOfWeek(dateOr(date, today));
            return calendar.view(me.accountId(), start, start.plusWeeks(1), zone).map(view -> Rendering.view("calendar/week")
                    .modelAttribute("view", view)
                    .modelAttribute("days", CalendarPages.days(view, start, 7, today, day -> true))
                    .modelAttribute("hours", IntStream.range(0, 24).boxed().toList())
                    .modelAttribute("period", start)
                    .modelAttribute("previous", start.minusWeeks(1))
                    .modelAttribute("next", start.plusWeeks(1))
                    .modelAttribute("today", today)
                    .modelAttribute("mode", "week")
                    .build());
        });
    }

    @GetMapping("/agenda")
    Mono<Rendering> agenda(@AuthenticationPrincipal AccountPrincipal me, @RequestParam(required = false) String date) {
        return calendar.zoneOf(me.accountId()).flatMap(zone -> {
            LocalDate today = calendar.today(zone);
            LocalDate start = dateOr(date, today);
            return calendar.view(me.accountId(), start, start.plusDays(AGENDA_DAYS), zone).map(view -> Rendering
                    .view("calendar/agenda")
                    .modelAttribute("view", view)
                    .modelAttribute("days", CalendarPages.days(view, start, AGENDA_DAYS, today, day -> true)
                            .stream().filter(day -> !day.occurrences().isEmpty()).toList())
                    .modelAttribute("period", start)
                    .modelAttribute("previous", start.minusDays(AGENDA_DAYS))
                    .modelAttribute("next", start.plusDays(AGENDA_DAYS))
                    .modelAttribute("today", today)
                    .modelAttribute("mode", "agenda")
                    .build());
        });
    }

    // Creating and changing events

    /** The editor, with the day (and time) that was clicked filled in. */
    @GetMapping("/events/new")
    Mono<Rendering> newEvent(@AuthenticationPrincipal AccountPrincipal me, @RequestParam(required = false) String date,
            @RequestParam(required = false) String time) {
        return calendar.zoneOf(me.accountId()).map(zone -> {
            LocalDate day = dateOr(date, calendar.today(zone));
            Map<String, Object> form = new HashMap<>();
            form.put("startDate", day.toString());
            form.put("endDate", day.toString());
            form.put("zone", zone.getId());
            form.put("colour", "blue");
            form.put("repeat", "none");
            form.put("interval", "1");
            form.put("ends", "never");
            form.put("weekdays", List.of(RepeatRule.code(day.getDayOfWeek())));
            if (time != null && time.matches("\\d{2}:\\d{2}")) {
                form.put("startTime", time);
                int hour = Integer.parseInt(time.substring(0, 2));
                form.put("endTime", hour == 23 ? "23:59" : String.format("%02d%s", hour + 1, time.substring(2)));
            } else {
                form.put("startTime", "09:00");
                form.put("endTime", "10:00");
            }
            return editor(null, null, form, Map.of(), HttpStatus.OK);
        });
    }

    @PostMapping("/events")
    Mono<Rendering> create(@AuthenticationPrincipal AccountPrincipal me, ServerWebExchange exchange) {
        return exchange.getFormData().flatMap(form -> calendar.create(me.accountId(), form)
                .flatMap(event -> backToMonth(me, event))
                .onErrorResume(InvalidInput.class, invalid -> Mono.just(
                        editor(null, null, formValues(form), invalid.fieldErrors(), HttpStatus.BAD_REQUEST))));
    }

    @GetMapping("/events/{id}")
    Mono<Rendering> event(@AuthenticationPrincipal AccountPrincipal me, @PathVariable long id,
            @RequestParam(required = false) String at) {
        return calendar.occurrence(me.accountId(), id, at)
                .zipWith(calendar.event(me.accountId(), id))
                .zipWith(calendar.zoneOf(me.accountId()))
                .map(found -> Rendering.view("calendar/event")
                        .modelAttribute("occurrence", found.getT1().getT1())
                        .modelAttribute("series", found.getT1().getT2())
                        .modelAttribute("zone", found.getT2())
                        .modelAttribute("repeatText", found.getT1().getT2().repeats()
                                ? found.getT1().getT2().repeatRule().describe(seriesStartDate(found.getT1().getT2()))
                                : null)
                        .build());
    }

    @GetMapping("/events/{id}/edit")
    Mono<Rendering> edit(@AuthenticationPrincipal AccountPrincipal me, @PathVariable long id,
            @RequestParam(required = false) String at) {
        return calendar.occurrence(me.accountId(), id, at)
                .zipWith(calendar.event(me.accountId(), id))
                .map(found -> editor(found.getT1(), found.getT2(), formOf(found.getT1(), found.getT2()), Map.of(),
                        HttpStatus.OK));
    }

    @PostMapping("/events/{id}")
    Mono<Rendering> update(@AuthenticationPrincipal AccountPrincipal me, @PathVariable long id,
            @RequestParam(required = false) String at, ServerWebExchange exchange) {
        return calendar.occurrence(me.accountId(), id, at)
                .zipWith(calendar.event(me.accountId(), id))
                .flatMap(found -> exchange.getFormData().flatMap(form -> calendar
                        .update(me.accountId(), id, found.getT1().key(), Scope.of(form.getFirst("scope")), form)
                        .flatMap(event -> backToMonth(me, event))
                        .onErrorResume(InvalidInput.class, invalid -> Mono.just(editor(found.getT1(), found.getT2(),
                                formValues(form), invalid.fieldErrors(), HttpStatus.BAD_REQUEST)))
                        // What was typed stays, over the version saved meanwhile: saving again is a choice.
                        .onErrorResume(ChangedElsewhere.class, changed -> calendar.occurrence(me.accountId(), id, at)
                                .zipWith(calendar.event(me.accountId(), id))
                                .map(now -> {
                                    Map<String, Object> typed = formValues(form);
                                    typed.put("version", Long.toString(now.getT1().event().version()));
                                    return editor(now.getT1(), now.getT2(), typed, ChangedElsewhere.formErrors(),
                                            HttpStatus.CONFLICT);
                                }))));
    }

    @GetMapping("/events/{id}/delete")
    Mono<Rendering> confirmDelete(@AuthenticationPrincipal AccountPrincipal me, @PathVariable long id,
            @RequestParam(required = false) String at) {
        return calendar.occurrence(me.accountId(), id, at)
                .zipWith(calendar.event(me.accountId(), id))
                .zipWith(calendar.zoneOf(me.accountId()))
                .map(found -> Rendering.view("calendar/delete")
                        .modelAttribute("occurrence", found.getT1().getT1())
                        .modelAttribute("series", found.getT1().getT2())
                        .modelAttribute("zone", found.getT2())
                        .build());
    }

    @PostMapping("/events/{id}/delete")
    Mono<Rendering> delete(@AuthenticationPrincipal AccountPrincipal me, @PathVariable long id,
            @RequestParam(required = false) String at, ServerWebExchange exchange) {
        return calendar.occurrence(me.accountId(), id, at)
                .flatMap(occurrence -> exchange.getFormData()
                        .flatMap(form -> calendar.delete(me.accountId(), id, occurrence.key(),
                                Scope.of(form.getFirst("scope"))))
                        .then(calendar.zoneOf(me.accountId()))
                        .map(zone -> Rendering.redirectTo("/calendar/month?date="
                                + occurrence.firstDayIn(zone)).build()));
    }

    @ExceptionHandler(EventNotFound.class)
    Rendering notFound() {
        return Rendering.view("error/404").status(HttpStatus.NOT_FOUND).build();
    }

    // Helpers

    private Mono<Rendering> backToMonth(AccountPrincipal me, CalendarEvent event) {
        return calendar.zoneOf(me.accountId()).map(zone -> Rendering.redirectTo("/calendar/month?date="
                + (event.allDay() ? event.startDate() : event.startAt().atZone(zone).toLocalDate())).build());
    }

    private static Rendering editor(Occurrence occurrence, CalendarEvent series, Map<String, Object> form,
            Map<String, String> errors, HttpStatus status) {
        String action = occurrence == null ? "/calendar/events"
                : occurrence.key() == null ? "/calendar/events/" + occurrence.seriesId()
                : "/calendar/events/" + occurrence.seriesId() + "?at=" + occurrence.key();
        Map<String, Object> values = new HashMap<>();
        // Every field the template reads is present, so a missing one shows as empty rather than failing.
        for (String field : List.of("title", "location", "description", "colour", "allDay", "zone", "startDate",
                "startTime", "endDate", "endTime", "repeat", "interval", "ends", "until", "count", "custom", "scope",
                "version")) {
            values.put(field, "");
        }
        values.put("weekdays", List.of());
        values.putAll(form);
        return Rendering.view("calendar/editor")
                .modelAttribute("occurrence", occurrence)
                .modelAttribute("series", series)
                .modelAttribute("action", action)
                .modelAttribute("form", values)
                .modelAttribute("errors", errors)
                .modelAttribute("zones", ZONES)
                .modelAttribute("weekdays", WEEKDAYS)
                .status(status)
                .build();
    }

    /** The editor's fields for an occurrence, times in the event's own zone. */
    private static Map<String, Object> formOf(Occurrence occurrence, CalendarEvent series) {
        CalendarEvent event = occurrence.event();
        Map<String, Object> form = new HashMap<>();
        form.put("title", event.title());
        form.put("location", event.location());
        form.put("description", event.description());
        form.put("colour", event.colour());
        form.put("zone", event.zone());
        if (occurrence.allDay()) {
            form.put("allDay", "on");
            form.put("startDate", occurrence.startDate().toString());
            form.put("endDate", occurrence.endDate().minusDays(1).toString());
            form.put("startTime", "09:00");
            form.put("endTime", "10:00");
        } else {
            ZonedDateTime start = occurrence.start().atZone(event.zoneId());
            ZonedDateTime end = occurrence.end().atZone(event.zoneId());
            form.put("startDate", start.toLocalDate().toString());
            form.put("startTime", start.toLocalTime().toString());
            form.put("endDate", end.toLocalDate().toString());
            form.put("endTime", end.toLocalTime().toString());
        }
        RepeatRule rule = series.repeatRule();
        form.put("repeat", rule.frequency().formValue());
        form.put("interval", Integer.toString(rule.interval()));
        form.put("weekdays", rule.weekdays().isEmpty()
                ? List.of(RepeatRule.code(LocalDate.parse((String) form.get("startDate")).getDayOfWeek()))
                : rule.weekdays().stream().sorted().map(RepeatRule::code).toList());
        form.put("ends", rule.until() != null ? "until" : rule.count() != null ? "count" : "never");
        form.put("until", rule.until() == null ? "" : rule.until().toString());
        form.put("count", rule.count() == null ? "" : rule.count().toString());
        form.put("custom", rule.custom() == null ? "" : rule.custom());
        form.put("scope", "this");
        form.put("version", Long.toString(event.version()));
        return form;
    }

    /** What was typed, to show again with the messages. */
    private static Map<String, Object> formValues(MultiValueMap<String, String> typed) {
        Map<String, Object> form = new HashMap<>();
        typed.forEach((name, values) -> form.put(name, values.isEmpty() ? "" : values.get(0)));
        form.put("weekdays", new ArrayList<>(typed.getOrDefault("weekdays", List.of())));
        return form;
    }

    private static LocalDate seriesStartDate(CalendarEvent series) {
        return series.allDay() ? series.startDate() : series.startAt().atZone(series.zoneId()).toLocalDate();
    }

    /** The {@code date} in the address, or {@code fallback} when there is none; a 400 that says why when it is not a date. */
    private static LocalDate dateOr(String text, LocalDate fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            LocalDate date = LocalDate.parse(text.strip());
            if (date.getYear() >= 1 && date.getYear() <= 9999) {
                return date;
            }
        } catch (DateTimeParseException unreadable) {
            // said below
        }
        throw ClientFault.badRequest("The date in the address must be a day between the years 1 and 9999, "
                + "written as YYYY-MM-DD (for example 2026-03-31).");
    }
}
