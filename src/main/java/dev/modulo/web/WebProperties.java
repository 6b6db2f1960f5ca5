package dev.modulo.web;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the web shell ({@code modulo.web.*}).
 *
 * @param loginsPerMinute         login attempts allowed per minute for one username from one client
 *                                address, and from one known device
 * @param loginsPerMinutePerAddress login attempts allowed per minute from one client address, whatever
 *                                the usernames; unset, three times {@code loginsPerMinute}
 * @param knownDeviceLifetime     how long a browser stays known after a successful login
 * @param deviceKey               the secret that signs known-device cookies (at least 32 characters);
 *                                unset, one is made and kept in {@code <data-dir>/device-cookie.key}.
 *                                Several instances must share it.
 * @param pageCacheSize           memory for rendered public pages kept for visitors who are not
 *                                signed in (see {@link CachedPages}); 0 keeps none
 */
@ConfigurationProperties("modulo.web")
public record WebProperties(
        @DefaultValue("10") int loginsPerMinute,
        Integer loginsPerMinutePerAddress,
        @DefaultValue("180d") Duration knownDeviceLifetime,
        String deviceKey,
        @DefaultValue("64MB") DataSize pageCacheSize) {

    public WebProperties {
        if (loginsPerMinute < 1) {
            throw new IllegalArgumentException("modulo.web.logins-per-minute must be at least 1");
        }
        if (loginsPerMinutePerAddress == null) {
            loginsPerMinutePerAddress = (int) Math.min(Integer.MAX_VALUE, 3L * loginsPerMinute);
        }
        if (loginsPerMinutePerAddress < 1) {
            throw new IllegalArgumentException("modulo.web.logins-per-minute-per-address must be at least 1");
        }
        if (pageCacheSize.isNegative()) {
            throw new IllegalArgumentException("modulo.web.page-cache-size must not be negative");
        }
        if (deviceKey != null && !deviceKey.isBlank() && deviceKey.length() < 32) {
            throw new IllegalArgumentException("modulo.web.device-key must be at least 32 characters");
        }
    }
}
