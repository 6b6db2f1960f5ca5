package dev.modulo.calendar;

import java.util.List;

import dev.modulo.web.NavigationTab;
import dev.modulo.web.PublicPaths;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CalendarConfiguration {

    @Bean
    NavigationTab calendarTab() {
        return new NavigationTab("Calendar", "/calendar", 40);
    }

    /** Calendar apps fetch the subscription feed without a session; its token is the key. */
    @Bean
    PublicPaths publicCalendarFeeds() {
        return () -> List.of("/calendar/feed/**");
    }
}
