package dev.modulo.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;

/**
 * The whole application on a random port, on the real H2 file of this test run; the client waits
 * 30 s for an answer (a first page can take longer than 5 s on a loaded machine). Rate limits are
 * raised because every test signs up from 127.0.0.1; the tests of the limits lower them again.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "modulo.accounts.signups-per-hour=100000",
        "modulo.web.logins-per-minute=100000",
        "modulo.blog.comments-per-hour=100000",
        "modulo.accounts.resets-per-hour=100000"})
@AutoConfigureWebTestClient(timeout = "30s")
public @interface ModuloIntegrationTest {
}
