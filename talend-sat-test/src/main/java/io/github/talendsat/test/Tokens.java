/*
 * Copyright 2026 the talend-sat authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package io.github.talendsat.test;

import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.jspecify.annotations.Nullable;

/**
 * Signs access tokens as HS256 JWTs with a key made when the emulator is built, and tells
 * whether a bearer token presented to the API is one of them, unexpired and unrevoked.
 * Time comes from the emulator's clock, so a test moves it instead of waiting.
 */
final class Tokens {

	private final Clock clock;

	private final MACSigner signer;

	private final MACVerifier verifier;

	private final Duration defaultLifetime;

	private volatile Duration lifetime;

	private final Set<String> issuedIds = ConcurrentHashMap.newKeySet();

	private final Set<String> revokedIds = ConcurrentHashMap.newKeySet();

	private final Map<String, String> acceptedOpaqueTokens = new ConcurrentHashMap<>();

	Tokens(Clock clock, Duration lifetime) {
		this.clock = clock;
		this.defaultLifetime = lifetime;
		this.lifetime = lifetime;
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		try {
			this.signer = new MACSigner(key);
			this.verifier = new MACVerifier(key);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Cannot create the token signing key", ex);
		}
	}

	void lifetime(Duration lifetime) {
		this.lifetime = lifetime;
	}

	Duration lifetime() {
		return this.lifetime;
	}

	/**
	 * Sign a new access token.
	 * @param clientId the client id, the {@code sub} claim
	 * @param audience the {@code aud} claim
	 * @param issuer the {@code iss} claim
	 * @return the token and its lifetime
	 */
	Issued mint(String clientId, String audience, String issuer) {
		Duration lifetime = this.lifetime;
		Instant issuedAt = this.clock.instant().truncatedTo(ChronoUnit.SECONDS);
		String id = UUID.randomUUID().toString();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(clientId)
			.audience(audience)
			.issuer(issuer)
			.issueTime(Date.from(issuedAt))
			.expirationTime(Date.from(issuedAt.plus(lifetime)))
			.jwtID(id)
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(),
				claims);
		try {
			jwt.sign(this.signer);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Cannot sign an access token", ex);
		}
		this.issuedIds.add(id);
		return new Issued(jwt.serialize(), lifetime.getSeconds());
	}

	void accept(String opaqueToken, String clientId) {
		this.acceptedOpaqueTokens.put(opaqueToken, clientId);
	}

	/**
	 * Check a bearer token presented to the API.
	 * @param token the token
	 * @return the client id the token was issued to, or {@code null} if the API must
	 * reject it
	 */
	@Nullable String verify(String token) {
		String opaqueClientId = this.acceptedOpaqueTokens.get(token);
		return (opaqueClientId != null) ? opaqueClientId : verifyJwt(token);
	}

	private @Nullable String verifyJwt(String token) {
		try {
			SignedJWT jwt = SignedJWT.parse(token);
			if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(this.verifier)) {
				return null;
			}
			JWTClaimsSet claims = jwt.getJWTClaimsSet();
			Date expiry = claims.getExpirationTime();
			String id = claims.getJWTID();
			boolean live = expiry != null && this.clock.instant().isBefore(expiry.toInstant());
			return (live && id != null && !this.revokedIds.contains(id)) ? claims.getSubject() : null;
		}
		catch (ParseException | JOSEException ex) {
			return null;
		}
	}

	/**
	 * Reject every token issued or accepted so far; tokens issued afterwards are valid.
	 */
	void revokeIssued() {
		this.revokedIds.addAll(this.issuedIds);
		this.acceptedOpaqueTokens.clear();
	}

	void reset() {
		this.lifetime = this.defaultLifetime;
		this.revokedIds.clear();
		this.acceptedOpaqueTokens.clear();
	}

	/**
	 * A newly signed token and the lifetime it was signed with.
	 */
	record Issued(String value, long expiresIn) {

	}

}
