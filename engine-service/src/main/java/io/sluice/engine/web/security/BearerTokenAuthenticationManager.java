package io.sluice.engine.web.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import reactor.core.publisher.Mono;

/**
 * Accepts a bearer token that equals one of the configured tokens. Compares SHA-256 digests in constant time, so
 * neither the length nor a common prefix of a token leaks through response timing.
 */
final class BearerTokenAuthenticationManager implements ReactiveAuthenticationManager {

    private final List<byte[]> digests;

    BearerTokenAuthenticationManager(List<String> tokens) {
        this.digests = tokens.stream().map(BearerTokenAuthenticationManager::sha256).toList();
    }

    @Override
    public Mono<Authentication> authenticate(Authentication authentication) {
        byte[] presented = sha256(String.valueOf(authentication.getCredentials()));
        boolean known = false;
        for (byte[] digest : digests) {
            known |= MessageDigest.isEqual(digest, presented);
        }
        if (!known) {
            return Mono.error(new BadCredentialsException("the bearer token is not accepted"));
        }
        return Mono.just(UsernamePasswordAuthenticationToken.authenticated(
                "api-client", null, AuthorityUtils.createAuthorityList("ROLE_API")));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
