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
package io.github.talendsat.token;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.nimbusds.jwt.JWTParser;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.util.StringUtils;

import io.github.talendsat.token.TalendTokenException.Reason;

/**
 * Reads the token endpoint's answer. Talend documents only {@code access_token} for sure,
 * so everything else is read leniently: a missing or lower-case {@code token_type} means
 * Bearer, {@code expires_in} may be a number or a numeric string, and without it the
 * lifetime comes from the JWT's {@code exp} claim, then from a default.
 *
 * @author talend-sat
 */
final class TalendTokenResponseParser {

	private static final int EXCERPT_LENGTH = 200;

	private static final long MAX_LIFETIME_SECONDS = Duration.ofDays(366).toSeconds();

	private final JsonMapper jsonMapper;

	private final String tokenUri;

	private final String propertyPrefix;

	private final Duration defaultLifetime;

	private final Clock clock;

	private final List<String> secrets;

	/**
	 * Create a parser for one token request.
	 * @param secrets what the request carried that must never be quoted back, such as the
	 * client secret and the Basic credential: an error page may echo the request
	 */
	TalendTokenResponseParser(JsonMapper jsonMapper, String tokenUri, String propertyPrefix, Duration defaultLifetime,
			Clock clock, List<String> secrets) {
		this.jsonMapper = jsonMapper;
		this.tokenUri = tokenUri;
		this.propertyPrefix = propertyPrefix;
		this.defaultLifetime = defaultLifetime;
		this.clock = clock;
		this.secrets = secrets.stream().filter(StringUtils::hasLength).toList();
	}

	/**
	 * Read the answer as a token dated by the parser's clock, its expiry to the
	 * millisecond.
	 */
	OAuth2AccessToken parseToken(int status, @Nullable String contentType, byte[] body) {
		if (status < 200 || status > 299) {
			throw errorFor(status, contentType, body);
		}
		JsonNode json = readObject(status, contentType, body);
		String tokenValue = textOf(json.get("access_token"));
		if (!StringUtils.hasText(tokenValue)) {
			throw new TalendTokenException(Reason.INVALID_RESPONSE, status,
					"Talend Cloud answered the token request from " + this.tokenUri
							+ " without an 'access_token' (members present: " + json.propertyNames() + ")",
					null);
		}
		if (!isVisibleAscii(tokenValue)) {
			throw new TalendTokenException(Reason.INVALID_RESPONSE, status,
					"Talend Cloud answered the token request from " + this.tokenUri
							+ " with an 'access_token' that cannot be sent in an Authorization header: it holds "
							+ "characters other than visible ASCII, such as spaces, line breaks or non-ASCII letters",
					null);
		}
		checkTokenType(status, json.get("token_type"));
		Instant issuedAt = this.clock.instant();
		Instant expiresAt = issuedAt.plus(lifetimeOf(json.get("expires_in"), tokenValue, issuedAt));
		return new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, tokenValue, issuedAt, expiresAt,
				scopesOf(json.get("scope")));
	}

	/**
	 * Read the answer as Spring Security's token response, which counts the lifetime in
	 * whole seconds and dates the token by the system clock.
	 */
	OAuth2AccessTokenResponse parse(int status, @Nullable String contentType, byte[] body) {
		OAuth2AccessToken token = parseToken(status, contentType, body);
		long seconds = Duration.between(token.getIssuedAt(), token.getExpiresAt()).toSeconds();
		return OAuth2AccessTokenResponse.withToken(token.getTokenValue())
			.tokenType(token.getTokenType())
			.expiresIn(Math.max(1, seconds))
			.scopes(token.getScopes())
			.build();
	}

	private JsonNode readObject(int status, @Nullable String contentType, byte[] body) {
		try {
			JsonNode json = this.jsonMapper.readTree(body);
			if (json != null && json.isObject()) {
				return json;
			}
		}
		catch (JacksonException ex) {
			// Reported below with the status, content type and an excerpt, which say more
			// than the parser does.
		}
		// A successful answer is where a token would be, so its body is never quoted.
		String type = (contentType != null) ? contentType : "none";
		throw new TalendTokenException(Reason.INVALID_RESPONSE, status,
				"Talend Cloud answered the token request from " + this.tokenUri + " with HTTP " + status
						+ " but not with a JSON object (content type " + type + ", " + body.length + " bytes)",
				null);
	}

	private void checkTokenType(int status, @Nullable JsonNode tokenType) {
		String type = textOf(tokenType);
		if (type != null && !type.equalsIgnoreCase(OAuth2AccessToken.TokenType.BEARER.getValue())) {
			throw new TalendTokenException(Reason.INVALID_RESPONSE, status,
					"Talend Cloud answered the token request from " + this.tokenUri + " with token_type '" + type
							+ "'; only Bearer tokens are supported",
					null);
		}
	}

	/**
	 * Work out how long the token lives. {@code expires_in} counts from when the server
	 * wrote it, and a server that dates its JWTs in whole seconds can let the token
	 * expire up to a second before {@code expires_in} says: so when the token is a JWT
	 * whose {@code exp} comes earlier, {@code exp} wins.
	 */
	private Duration lifetimeOf(@Nullable JsonNode expiresIn, String tokenValue, Instant issuedAt) {
		long seconds = secondsOf(expiresIn);
		Instant exp = jwtExpiry(tokenValue);
		// An exp written in milliseconds would otherwise read as a lifetime of millennia.
		boolean plausibleExp = exp != null && exp.isAfter(issuedAt)
				&& !exp.isAfter(issuedAt.plusSeconds(MAX_LIFETIME_SECONDS));
		if (seconds > 0) {
			Duration lifetime = Duration.ofSeconds(seconds);
			return (plausibleExp && exp.isBefore(issuedAt.plus(lifetime))) ? Duration.between(issuedAt, exp) : lifetime;
		}
		return plausibleExp ? Duration.between(issuedAt, exp) : this.defaultLifetime;
	}

	/**
	 * Whether the token holds only the characters an HTTP header value can carry
	 * unchanged: visible ASCII, 0x21 to 0x7E. A line break would split the header.
	 */
	private static boolean isVisibleAscii(String tokenValue) {
		for (int i = 0; i < tokenValue.length(); i++) {
			char c = tokenValue.charAt(i);
			if (c < 0x21 || c > 0x7E) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Read {@code expires_in} as whole seconds; a value that is missing, not a number,
	 * not finite or beyond any plausible lifetime reads as {@code 0}, so that the next
	 * source of a lifetime applies.
	 */
	private long secondsOf(@Nullable JsonNode expiresIn) {
		double seconds = 0;
		if (expiresIn != null && expiresIn.isNumber()) {
			seconds = expiresIn.doubleValue();
		}
		else if (textOf(expiresIn) != null) {
			try {
				seconds = Double.parseDouble(textOf(expiresIn).trim());
			}
			catch (NumberFormatException ex) {
				return 0;
			}
		}
		return (Double.isFinite(seconds) && seconds >= 1 && seconds <= MAX_LIFETIME_SECONDS) ? (long) seconds : 0;
	}

	private static @Nullable Instant jwtExpiry(String tokenValue) {
		try {
			Date exp = JWTParser.parse(tokenValue).getJWTClaimsSet().getExpirationTime();
			return (exp != null) ? exp.toInstant() : null;
		}
		catch (ParseException | RuntimeException ex) {
			// Not a JWT, or one whose claims cannot be read: the default lifetime
			// applies.
			return null;
		}
	}

	private static Set<String> scopesOf(@Nullable JsonNode scope) {
		String text = textOf(scope);
		if (!StringUtils.hasText(text)) {
			return Set.of();
		}
		return new LinkedHashSet<>(Arrays.asList(text.trim().split("\\s+")));
	}

	private static @Nullable String textOf(@Nullable JsonNode node) {
		return (node != null && node.isString()) ? node.stringValue() : null;
	}

	/**
	 * Describe an answer whose body was larger than the client reads: a failure with the
	 * reason its status gives, or, for a successful status, an invalid response.
	 * @param limit the most bytes the client reads
	 */
	TalendTokenException tooLarge(int status, @Nullable String contentType, long limit) {
		String type = (contentType != null) ? contentType : "none";
		if (status < 200 || status > 299) {
			return errorFor(status, " (content type " + type + ", body too large to read: over " + limit + " bytes)");
		}
		return new TalendTokenException(Reason.INVALID_RESPONSE, status,
				"Talend Cloud answered the token request from " + this.tokenUri + " with HTTP " + status
						+ " and a body too large for a token response (content type " + type + ", over " + limit
						+ " bytes)",
				null);
	}

	private TalendTokenException errorFor(int status, @Nullable String contentType, byte[] body) {
		return errorFor(status, describe(contentType, body));
	}

	private TalendTokenException errorFor(int status, String details) {
		String prefix = "Talend Cloud answered the token request from " + this.tokenUri + " with HTTP " + status;
		if (status == 401) {
			return new TalendTokenException(Reason.CREDENTIALS_REJECTED, status,
					prefix + ": the client id or secret was rejected; check " + this.propertyPrefix + ".client-id and "
							+ this.propertyPrefix + ".client-secret" + details,
					null);
		}
		if (status == 403) {
			return new TalendTokenException(Reason.PERMISSION_DENIED, status, prefix
					+ ": the service account lacks a permission it needs (Talend requires 'Service Account - Manage')"
					+ details, null);
		}
		if (status == 429 || status >= 500) {
			return new TalendTokenException(Reason.SERVER_ERROR, status, prefix + details, null);
		}
		return new TalendTokenException(Reason.REQUEST_REJECTED, status, prefix + details, null);
	}

	private String describe(@Nullable String contentType, byte[] body) {
		String type = (contentType != null) ? contentType : "none";
		return " (content type " + type + ", body " + excerpt(body) + ")";
	}

	private String excerpt(byte[] body) {
		if (body.length == 0) {
			return "empty";
		}
		String text = new String(body, 0, Math.min(body.length, 64 * 1024), StandardCharsets.UTF_8);
		for (String secret : this.secrets) {
			text = text.replace(secret, "[redacted]");
		}
		text = text.replaceAll("\\s+", " ").trim();
		String cut = (text.length() > EXCERPT_LENGTH) ? text.substring(0, EXCERPT_LENGTH) + "..." : text;
		return "'" + redactTokens(cut) + "'";
	}

	/**
	 * An error body might echo a token, so anything shaped like a JWT is masked in the
	 * excerpt.
	 */
	private static String redactTokens(String text) {
		return text.replaceAll("[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]*", "[redacted]");
	}

}
