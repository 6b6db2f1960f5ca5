package dev.modulo.calendar;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Limits of the calendar.
 *
 * @param maxOccurrences  most instances one view works out; more are cut off with a note
 * @param expansionBudget  longest time one view may spend expanding repeat rules
 * @param maxImportSize  largest .ics file accepted
 * @param maxImportEvents  most events one import may hold
 * @param feedRefresh  how often subscribed calendar apps are asked to fetch the feed again
 * @param keptOccurrences  most occurrences of views kept worked out in memory (about 150 bytes each)
 */
@ConfigurationProperties("modulo.calendar")
public record CalendarProperties(Integer maxOccurrences, Duration expansionBudget, DataSize maxImportSize,
        Integer maxImportEvents, Duration feedRefresh, Long keptOccurrences) {

    public CalendarProperties {
        maxOccurrences = maxOccurrences == null ? 3000 : maxOccurrences;
        expansionBudget = expansionBudget == null ? Duration.ofSeconds(2) : expansionBudget;
        maxImportSize = maxImportSize == null ? DataSize.ofMegabytes(4) : maxImportSize;
        maxImportEvents = maxImportEvents == null ? 10_000 : maxImportEvents;
        feedRefresh = feedRefresh == null ? Duration.ofHours(1) : feedRefresh;
        keptOccurrences = keptOccurrences == null ? 200_000 : keptOccurrences;
    }
}
