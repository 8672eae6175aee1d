package io.sluice.engine.web.security;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher.MatchResult;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Bearer tokens for the REST API ({@link ApiSecurityProperties}). Calls that change something (POST, PUT, PATCH,
 * DELETE: submit, cancel, stop, savepoints, jar upload) need a configured token; reads need one only with
 * {@code protect-reads}; health is always open. No token → 401 with {@code WWW-Authenticate: Bearer}; a token that
 * is not configured → 403; both as problem+json. Stateless: no session, no CSRF token (no cookies are used, so
 * there is nothing for a cross-site request to ride on), no login page.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
@EnableConfigurationProperties(ApiSecurityProperties.class)
public class ApiSecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ApiSecurityConfiguration.class);
    private static final String BEARER = "Bearer";

    /** The dashboard's own files: served without a token so it can load and then ask for one. */
    private static final String[] DASHBOARD_FILES = {"/", "/index.html", "/js/**", "/css/**", "/webjars/**"};

    /** Also keeps Boot from creating a default user with a generated password. */
    @Bean
    BearerTokenAuthenticationManager apiTokenAuthenticationManager(ApiSecurityProperties properties) {
        return new BearerTokenAuthenticationManager(properties.tokens());
    }

    /** The firewall's rejections (encoded NUL, "..", odd characters in the URL): a 400 problem, not an empty body. */
    @Bean
    ServerExchangeRejectedHandler problemForRejectedRequests() {
        return (exchange, rejected) -> ProblemResponses.write(exchange, HttpStatus.BAD_REQUEST,
                "the request URL is malformed or not allowed");
    }

    @Bean
    SecurityWebFilterChain apiSecurity(
            ServerHttpSecurity http, ApiSecurityProperties properties, BearerTokenAuthenticationManager tokens) {
        http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance());
        if (!properties.enabled()) {
            log.warn("No API tokens configured (sluice.security.tokens): the REST API is open to anyone who can reach"
                    + " it, including job submission and cancellation. Set sluice.security.tokens to protect it.");
            return http.authorizeExchange(exchanges -> exchanges.anyExchange().permitAll()).build();
        }
        log.info("REST API: {} bearer token(s) configured; reads are {}", properties.tokens().size(),
                properties.protectReads() ? "protected too" : "open");
        return http.addFilterAt(bearerFilter(tokens), SecurityWebFiltersOrder.AUTHENTICATION)
                .authorizeExchange(exchanges -> {
                    exchanges.pathMatchers("/actuator/health", "/actuator/health/**").permitAll();
                    exchanges.pathMatchers(HttpMethod.OPTIONS).permitAll();
                    exchanges.pathMatchers(HttpMethod.GET, DASHBOARD_FILES).permitAll();
                    if (!properties.protectReads()) {
                        exchanges.pathMatchers(HttpMethod.GET).permitAll();
                        exchanges.pathMatchers(HttpMethod.HEAD).permitAll();
                    }
                    exchanges.anyExchange().authenticated();
                })
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint((exchange, denied) -> {
                            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"sluice\"");
                            return ProblemResponses.write(exchange, HttpStatus.UNAUTHORIZED,
                                    "this call needs an API token: send 'Authorization: Bearer <token>'");
                        })
                        .accessDeniedHandler((exchange, denied) ->
                                ProblemResponses.write(exchange, HttpStatus.FORBIDDEN, "not allowed with this token")))
                .build();
    }

    /** Authenticates requests that carry a bearer token; a wrong one is answered 403 at once. */
    private static AuthenticationWebFilter bearerFilter(BearerTokenAuthenticationManager tokens) {
        AuthenticationWebFilter filter = new AuthenticationWebFilter(tokens);
        filter.setRequiresAuthenticationMatcher(exchange ->
                bearerToken(exchange).isPresent() ? MatchResult.match() : MatchResult.notMatch());
        filter.setServerAuthenticationConverter(exchange -> Mono.justOrEmpty(bearerToken(exchange))
                .map(token -> (Authentication) UsernamePasswordAuthenticationToken.unauthenticated("api-client", token)));
        filter.setAuthenticationFailureHandler((webFilterExchange, e) -> ProblemResponses.write(
                webFilterExchange.getExchange(), HttpStatus.FORBIDDEN, "the API token is not accepted"));
        filter.setSecurityContextRepository(NoOpServerSecurityContextRepository.getInstance());
        return filter;
    }

    private static java.util.Optional<String> bearerToken(ServerWebExchange exchange) {
        List<String> values = exchange.getRequest().getHeaders().getOrEmpty(HttpHeaders.AUTHORIZATION);
        // "Bearer" with an empty token counts as a (wrong) token: servers trim the trailing space away
        return values.stream()
                .map(value -> value.trim().split("\\s+", 2))
                .filter(words -> words[0].equalsIgnoreCase(BEARER))
                .map(words -> words.length > 1 ? words[1] : "")
                .findFirst();
    }
}
