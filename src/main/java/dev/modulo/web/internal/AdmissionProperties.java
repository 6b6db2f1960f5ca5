package dev.modulo.web.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many requests are worked on at once ({@code modulo.web.admission.*}); see {@link RequestAdmission}.
 *
 * @param maxConcurrent requests worked on at once; the rest wait at the door, first come first served
 * @param maxWaiting    requests that may wait; past that a request is answered 503 at once
 * @param maxWait       the longest a request waits at the door before it is answered 503
 */
@ConfigurationProperties("modulo.web.admission")
record AdmissionProperties(@DefaultValue("32") int maxConcurrent, @DefaultValue("10000") int maxWaiting,
        @DefaultValue("20s") Duration maxWait) {
}
