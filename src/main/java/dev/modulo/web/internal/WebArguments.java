package dev.modulo.web.internal;

import dev.modulo.web.PageNumber;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.HandlerMethodArgumentResolver;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Controller arguments read the same way everywhere: a {@link PageNumber} from the {@code page} parameter. */
@Configuration(proxyBeanMethods = false)
class WebArguments implements WebFluxConfigurer {

    @Override
    public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
        configurer.addCustomResolver(new PageNumberArgument());
    }

    static final class PageNumberArgument implements HandlerMethodArgumentResolver {

        @Override
        public boolean supportsParameter(MethodParameter parameter) {
            return parameter.getParameterType() == PageNumber.class;
        }

        @Override
        public Mono<Object> resolveArgument(MethodParameter parameter, BindingContext context,
                ServerWebExchange exchange) {
            return Mono.fromSupplier(() -> PageNumber.parse(
                    exchange.getRequest().getQueryParams().getFirst(PageNumber.PARAMETER)));
        }
    }
}
