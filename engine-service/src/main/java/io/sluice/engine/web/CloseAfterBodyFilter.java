package io.sluice.engine.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Answers every request that may carry a body (anything but GET, HEAD and OPTIONS) with {@code Connection: close}.
 * A handler or an error path that answers before it read the whole body leaves bytes on the connection; a client
 * that reuses it for its next request then waits for an answer that never comes (seen in the tests after refused
 * submissions and cancels). Such calls are rare (submit, cancel, stop, uploads), so a fresh connection for the
 * next one costs nothing that matters; reads keep their keep-alive connections.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class CloseAfterBodyFilter implements WebFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        HttpMethod method = exchange.getRequest().getMethod();
        if (method != HttpMethod.GET && method != HttpMethod.HEAD && method != HttpMethod.OPTIONS) {
            exchange.getResponse().beforeCommit(() -> {
                exchange.getResponse().getHeaders().set(HttpHeaders.CONNECTION, "close");
                return Mono.empty();
            });
        }
        return chain.filter(exchange);
    }
}
