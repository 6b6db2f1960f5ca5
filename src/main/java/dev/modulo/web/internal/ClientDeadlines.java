package dev.modulo.web.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Deadlines for clients: a connection that sends a request body too slowly, or stalls in the middle
 * of one, is closed, so slow or idle clients cannot hold connections and memory for ever
 * ({@code server.netty.idle-timeout} closes connections idle between requests).
 */
@Configuration(proxyBeanMethods = false)
class ClientDeadlines {

    /**
     * {@code modulo.web.client.*}.
     *
     * @param readTimeout    longest pause while a request body is being received
     * @param requestTimeout longest time to receive a whole request body (a large upload on a slow line)
     */
    @ConfigurationProperties("modulo.web.client")
    record Properties(@DefaultValue("60s") Duration readTimeout, @DefaultValue("10m") Duration requestTimeout) {
    }

    @Bean
    NettyServerCustomizer clientReadDeadlines(Properties properties) {
        return server -> server.readTimeout(properties.readTimeout()).requestTimeout(properties.requestTimeout());
    }
}
