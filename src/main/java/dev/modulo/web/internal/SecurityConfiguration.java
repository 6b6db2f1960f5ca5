package dev.modulo.web.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import dev.modulo.platform.ModuloProperties;
import dev.modulo.web.AnonymousForms;
import dev.modulo.web.PublicPaths;
import dev.modulo.web.WebProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.authentication.logout.RedirectServerLogoutSuccessHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.context.ServerSecurityContextRepository;
import org.springframework.security.web.server.csrf.CsrfWebFilter;
import org.springframework.security.web.server.csrf.XorServerCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.security.web.server.savedrequest.ServerRequestCache;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter.Mode;
import org.springframework.security.web.server.util.matcher.AndServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.NegatedServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

/**
 * The security shell: who may see what, form login, CSRF and the response headers. Accounts
 * supply the {@link ReactiveAuthenticationManager} and {@link ServerSecurityContextRepository};
 * modules open paths to the public through {@link PublicPaths} beans.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfiguration {

    static final String LOGIN_PAGE = "/login";

    // No inline script or style anywhere: every page works with this policy. Images may come from
    // anywhere: a post's Markdown may link to any picture on the web.
    private static final String CONTENT_SECURITY_POLICY = String.join("; ",
            "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data: https: http:",
            "object-src 'none'", "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'");

    private static final String[] STATIC_RESOURCES = {"/css/**", "/js/**", "/img/**", "/favicon.ico"};

    private static final String[] SHELL_PUBLIC_PATHS = {"/error", "/actuator/health", "/actuator/health/**",
            "/actuator/info"};

    /** Static files: public, and never a reason to load the session. */
    @Bean
    @Order(0)
    SecurityWebFilterChain staticResources(ServerHttpSecurity http) {
        return http
                .securityMatcher(ServerWebExchangeMatchers.pathMatchers(STATIC_RESOURCES))
                .authorizeExchange(exchanges -> exchanges.anyExchange().permitAll())
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .requestCache(cache -> cache.disable())
                .csrf(csrf -> csrf.disable())
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY)))
                .build();
    }

    @Bean
    @Order(1)
    SecurityWebFilterChain application(ServerHttpSecurity http, ReactiveAuthenticationManager authentication,
            ServerSecurityContextRepository contexts, ObjectProvider<PublicPaths> publicPaths,
            ObjectProvider<AnonymousForms> anonymousForms, WebProperties properties, ModuloProperties modulo) {
        KnownDevices devices = KnownDevices.from(properties, modulo, LOGIN_PAGE);
        ServerRequestCache requestCache = new LocalRequestCache();
        ServerWebExchangeMatcher tokenless = tokenlessForms(anonymousForms);
        return http
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers(publicPatterns(publicPaths)).permitAll()
                        .anyExchange().authenticated())
                .securityContextRepository(contexts)
                // Nothing about a visitor who is not signed in lives in the server's memory: the CSRF
                // token and the page to return to after login (followed only when local) are cookies.
                // Otherwise every anonymous page view would hold a session, and enough of them would
                // exhaust the session store.
                .requestCache(cache -> cache.requestCache(requestCache))
                .formLogin(login -> login
                        .loginPage(LOGIN_PAGE)
                        .authenticationManager(authentication)
                        .authenticationSuccessHandler(new RememberDeviceOnLogin(devices, backToTheSavedPage(requestCache)))
                        .authenticationFailureHandler(new RedirectServerAuthenticationFailureHandler(LOGIN_PAGE + "?error")))
                .addFilterBefore(new LoginThrottle(LOGIN_PAGE, devices, properties.loginsPerMinute(),
                        properties.loginsPerMinutePerAddress()), SecurityWebFiltersOrder.FORM_LOGIN)
                .logout(logout -> logout
                        .logoutUrl("/logout")
                        .logoutSuccessHandler(loggedOut()))
                .addFilterBefore(new SameOriginForms(tokenless), SecurityWebFiltersOrder.CSRF)
                .csrf(csrf -> csrf
                        .requireCsrfProtectionMatcher(new AndServerWebExchangeMatcher(CsrfWebFilter.DEFAULT_CSRF_MATCHER,
                                new NegatedServerWebExchangeMatcher(tokenless)))
                        .csrfTokenRepository(new CookieCsrfTokens())
                        .csrfTokenRequestHandler(csrfTokensAlsoInMultipartForms())
                        .accessDeniedHandler(new CsrfRejected()))
                .httpBasic(basic -> basic.disable())
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .frameOptions(frames -> frames.mode(Mode.DENY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN)))
                .build();
    }

    private static String[] publicPatterns(ObjectProvider<PublicPaths> contributions) {
        List<String> patterns = new ArrayList<>(List.of(SHELL_PUBLIC_PATHS));
        contributions.forEach(paths -> patterns.addAll(paths.patterns()));
        return patterns.toArray(String[]::new);
    }

    /** Where forms of shared pages are sent (POST): no token, the origin is checked instead (SameOriginForms). */
    private static ServerWebExchangeMatcher tokenlessForms(ObjectProvider<AnonymousForms> contributions) {
        List<String> patterns = new ArrayList<>();
        contributions.forEach(forms -> patterns.addAll(forms.patterns()));
        return patterns.isEmpty()
                ? exchange -> ServerWebExchangeMatcher.MatchResult.notMatch()
                : ServerWebExchangeMatchers.pathMatchers(HttpMethod.POST, patterns.toArray(String[]::new));
    }

    /** Upload forms are multipart; without a script they can only carry the token as a field. */
    private static XorServerCsrfTokenRequestAttributeHandler csrfTokensAlsoInMultipartForms() {
        var handler = new XorServerCsrfTokenRequestAttributeHandler();
        handler.setTokenFromMultipartDataEnabled(true);
        return handler;
    }

    /** After login: the page that asked for it (when it is one of Modulo's), else the dashboard. */
    private static RedirectServerAuthenticationSuccessHandler backToTheSavedPage(ServerRequestCache requestCache) {
        var handler = new RedirectServerAuthenticationSuccessHandler("/dashboard");
        handler.setRequestCache(requestCache);
        return handler;
    }

    private static RedirectServerLogoutSuccessHandler loggedOut() {
        var handler = new RedirectServerLogoutSuccessHandler();
        handler.setLogoutSuccessUrl(URI.create(LOGIN_PAGE + "?logout"));
        return handler;
    }
}
