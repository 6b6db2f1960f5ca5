package dev.modulo.platform.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commons Logging (which Spring logs through) onto SLF4J, building a message only when its level is
 * on. Commons Logging 1.3's own SLF4J bridge turns every message into a string before SLF4J looks
 * at the level, and Spring Security writes several debug messages on every request (the security
 * context, each matcher tried) expecting them to cost nothing when debug is off: formatting them
 * was about 7 % of a signed-in request's CPU (JFR, PublicPages benchmark). Chosen by Commons
 * Logging's service lookup ({@code META-INF/services/org.apache.commons.logging.LogFactory}).
 */
public final class LevelCheckingLogFactory extends LogFactory {

    private final Map<String, Log> logs = new ConcurrentHashMap<>();
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();

    @Override
    public Log getInstance(Class<?> type) {
        return getInstance(type.getName());
    }

    @Override
    public Log getInstance(String name) {
        return logs.computeIfAbsent(name, named -> new LevelCheckingLog(LoggerFactory.getLogger(named)));
    }

    @Override
    public Object getAttribute(String name) {
        return attributes.get(name);
    }

    @Override
    public String[] getAttributeNames() {
        return attributes.keySet().toArray(String[]::new);
    }

    @Override
    public void removeAttribute(String name) {
        attributes.remove(name);
    }

    @Override
    public void setAttribute(String name, Object value) {
        if (value == null) {
            attributes.remove(name);
        } else {
            attributes.put(name, value);
        }
    }

    @Override
    public void release() {
        logs.clear();
    }

    /** One logger; each message becomes a string only once its level is known to be on. */
    private record LevelCheckingLog(Logger logger) implements Log {

        @Override
        public boolean isTraceEnabled() {
            return logger.isTraceEnabled();
        }

        @Override
        public boolean isDebugEnabled() {
            return logger.isDebugEnabled();
        }

        @Override
        public boolean isInfoEnabled() {
            return logger.isInfoEnabled();
        }

        @Override
        public boolean isWarnEnabled() {
            return logger.isWarnEnabled();
        }

        @Override
        public boolean isErrorEnabled() {
            return logger.isErrorEnabled();
        }

        @Override
        public boolean isFatalEnabled() {
            return logger.isErrorEnabled();
        }

        @Override
        public void trace(Object message) {
            trace(message, null);
        }

        @Override
        public void trace(Object message, Throwable error) {
            if (logger.isTraceEnabled()) {
                logger.trace(String.valueOf(message), error);
            }
        }

        @Override
        public void debug(Object message) {
            debug(message, null);
        }

        @Override
        public void debug(Object message, Throwable error) {
            if (logger.isDebugEnabled()) {
                logger.debug(String.valueOf(message), error);
            }
        }

        @Override
        public void info(Object message) {
            info(message, null);
        }

        @Override
        public void info(Object message, Throwable error) {
            if (logger.isInfoEnabled()) {
                logger.info(String.valueOf(message), error);
            }
        }

        @Override
        public void warn(Object message) {
            warn(message, null);
        }

        @Override
        public void warn(Object message, Throwable error) {
            if (logger.isWarnEnabled()) {
                logger.warn(String.valueOf(message), error);
            }
        }

        @Override
        public void error(Object message) {
            error(message, null);
        }

        @Override
        public void error(Object message, Throwable error) {
            if (logger.isErrorEnabled()) {
                logger.error(String.valueOf(message), error);
            }
        }

        @Override
        public void fatal(Object message) {
            error(message, null);
        }

        @Override
        public void fatal(Object message, Throwable error) {
            error(message, error);
        }
    }
}
