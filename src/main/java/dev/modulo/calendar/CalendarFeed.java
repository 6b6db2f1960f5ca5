package dev.modulo.calendar;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** The secret address under which an account's calendar can be subscribed to. */
@Table
record CalendarFeed(@Id long accountId, String token, Instant createdAt) {
}
