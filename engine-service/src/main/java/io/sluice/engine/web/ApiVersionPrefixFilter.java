package io.sluice.engine.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/** Serves every endpoint under {@code /v1} too (Flink's versioned REST paths) by dropping the prefix. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ApiVersionPrefixFilter implements WebFilter {

    static final String PREFIX = "/v1";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (!path.equals(PREFIX) && !path.startsWith(PREFIX + "/")) {
            return chain.filter(exchange);
        }
        String stripped = path.length() == PREFIX.length() ? "/" : path.substring(PREFIX.length());
        return chain.filter(exchange.mutate().request(r -> r.path(stripped)).build());
    }
}
