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
package io.github.talendsat.autoconfigure;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.endpoint.OAuth2ClientCredentialsGrantRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.util.StringUtils;

import io.github.talendsat.account.TalendServiceAccount;
import io.github.talendsat.autoconfigure.TalendAccountProperties.Token;
import io.github.talendsat.cache.TalendTokenCache;
import io.github.talendsat.cache.TokenSource;
import io.github.talendsat.observability.ObservedTokenSource;
import io.github.talendsat.token.TalendTokenClient;

/**
 * Checks the {@code talend.service-account.*} properties and turns them into a
 * {@link TalendServiceAccount}. Each bad value fails with the name of its property and
 * what it accepts.
 *
 * @author talend-sat
 */
final class TalendServiceAccountPropertiesMapper {

	static final List<String> REGIONS = List.of("us", "eu", "ap", "au", "us-west");

	static final String DEFAULT_PREFIX = "talend.service-account";

	static final String DEFAULT_ACCOUNT_NAME = "default";

	static final String REGISTRATION_ID = "talend";

	private static final String TOKEN_PATH = "/security/oauth/token";

	private final Clock clock;

	private final ObservationRegistry observations;

	private final String prefix;

	TalendServiceAccountPropertiesMapper(Clock clock, ObservationRegistry observations) {
		this(clock, observations, DEFAULT_PREFIX);
	}

	private TalendServiceAccountPropertiesMapper(Clock clock, ObservationRegistry observations, String prefix) {
		this.clock = clock;
		this.observations = observations;
		this.prefix = prefix;
	}

	/**
	 * Map the default account, configured directly under {@code talend.service-account}.
	 */
	TalendServiceAccount toDefaultAccount(TalendAccountProperties properties) {
		return toAccount(DEFAULT_ACCOUNT_NAME, REGISTRATION_ID, properties);
	}

	/**
	 * Map a named account, configured under
	 * {@code talend.service-account.accounts.<name>}.
	 */
	TalendServiceAccount toNamedAccount(String name, TalendAccountProperties properties) {
		return new TalendServiceAccountPropertiesMapper(this.clock, this.observations,
				DEFAULT_PREFIX + ".accounts." + name)
			.toAccount(name, REGISTRATION_ID + "-" + name, properties);
	}

	private TalendServiceAccount toAccount(String name, String registrationId, TalendAccountProperties properties) {
		String clientId = required("client-id", properties.getClientId());
		String clientSecret = required("client-secret", properties.getClientSecret());
		String baseUrl = baseUrl(properties);
		String tokenUri = StringUtils.hasText(properties.getTokenUri()) ? url("token-uri", properties.getTokenUri())
				: baseUrl + TOKEN_PATH;
		String audience = (properties.getAudience() != null) ? audience(properties.getAudience()) : baseUrl;
		Token token = properties.getToken();
		ClientRegistration registration = ClientRegistration.withRegistrationId(registrationId)
			.clientId(clientId)
			.clientSecret(clientSecret)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.tokenUri(tokenUri)
			.build();
		TalendTokenClient tokenClient = new TalendTokenClient(audience,
				positive("token.connect-timeout", token.getConnectTimeout()),
				positive("token.read-timeout", token.getReadTimeout()));
		tokenClient.setClock(this.clock);
		tokenClient.setDefaultLifetime(positive("token.default-lifetime", token.getDefaultLifetime()));
		tokenClient.setPropertyPrefix(this.prefix);
		OAuth2ClientCredentialsGrantRequest grantRequest = new OAuth2ClientCredentialsGrantRequest(registration);
		TokenSource source = () -> tokenClient.getTokenResponseAsync(grantRequest).thenApply(this::datedByClock);
		TalendTokenCache cache = new TalendTokenCache(new ObservedTokenSource(source, this.observations, name),
				this.clock);
		cache.setExpiryMargin(notNegative("token.expiry-margin", token.getExpiryMargin()));
		cache.setRefreshAhead(notNegative("token.refresh-ahead", token.getRefreshAhead()));
		cache.setRetryInitialInterval(positive("token.retry-initial-interval", token.getRetryInitialInterval()));
		cache.setRetryMaxInterval(positive("token.retry-max-interval", token.getRetryMaxInterval()));
		cache.setRequestTimeout(token.getConnectTimeout().plus(token.getReadTimeout()).plusSeconds(1));
		return new TalendServiceAccount(name, URI.create(baseUrl), registration, cache, tokenClient);
	}

	/**
	 * Spring Security dates token responses by the system clock; the cache judges expiry
	 * by the account's clock, so the token's lifetime is moved onto that clock.
	 */
	private OAuth2AccessToken datedByClock(OAuth2AccessTokenResponse response) {
		OAuth2AccessToken token = response.getAccessToken();
		Instant issuedAt = this.clock.instant();
		Instant expiresAt = issuedAt.plus(Duration.between(token.getIssuedAt(), token.getExpiresAt()));
		return new OAuth2AccessToken(token.getTokenType(), token.getTokenValue(), issuedAt, expiresAt,
				token.getScopes());
	}

	private String baseUrl(TalendAccountProperties properties) {
		if (StringUtils.hasText(properties.getBaseUrl())) {
			return url("base-url", properties.getBaseUrl());
		}
		String region = properties.getRegion();
		// A blank value is what an unset environment variable in a placeholder gives: it
		// means "not set".
		if (!StringUtils.hasText(region)) {
			throw invalid("region", null, "Set " + this.prefix + ".region to one of " + String.join(", ", REGIONS)
					+ ", or set " + this.prefix + ".base-url to the API base URL");
		}
		String normalized = region.trim().toLowerCase(Locale.ROOT);
		if (!REGIONS.contains(normalized)) {
			throw invalid("region", region, "Accepted values are " + String.join(", ", REGIONS)
					+ "; for another environment set " + this.prefix + ".base-url instead");
		}
		return "https://api." + normalized + ".cloud.talend.com";
	}

	/**
	 * Check an absolute http(s) URL and drop its trailing slash: Talend compares the
	 * audience as a string, so {@code https://api.eu.cloud.talend.com/} would not match.
	 */
	private String url(String key, String value) {
		URI uri;
		try {
			uri = new URI(value.trim());
		}
		catch (URISyntaxException ex) {
			throw invalid(key, value, "Expected an absolute URL such as https://api.eu.cloud.talend.com");
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : null;
		if (uri.getHost() == null || !("https".equals(scheme) || "http".equals(scheme))) {
			throw invalid(key, value, "Expected an absolute URL with an https scheme and a host, such as "
					+ "https://api.eu.cloud.talend.com");
		}
		if ("http".equals(scheme) && !isLoopback(uri.getHost())) {
			throw invalid(key, value, "Plain http is accepted only for a loopback host (localhost, 127.0.0.1, [::1]); "
					+ "use https, so that credentials and tokens are never sent in clear text");
		}
		if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
			throw invalid(key, value, "Expected a URL without user info, query or fragment");
		}
		String text = uri.toString();
		while (text.endsWith("/")) {
			text = text.substring(0, text.length() - 1);
		}
		return text;
	}

	private String audience(String value) {
		if (!StringUtils.hasText(value)) {
			throw invalid("audience", value, "Must not be blank; leave it unset to use the API base URL");
		}
		String text = value.trim();
		while (text.endsWith("/")) {
			text = text.substring(0, text.length() - 1);
		}
		return text;
	}

	private String required(String key, @Nullable String value) {
		if (!StringUtils.hasText(value)) {
			throw invalid(key, null, "Must be set to the service account's " + key.replace('-', ' ') + " (or set "
					+ this.prefix + ".enabled=false)");
		}
		return value.trim();
	}

	private Duration positive(String key, @Nullable Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw invalid(key, value, "Must be a positive duration, such as 10s");
		}
		return value;
	}

	private Duration notNegative(String key, @Nullable Duration value) {
		if (value == null || value.isNegative()) {
			throw invalid(key, value, "Must be zero or a positive duration, such as 60s");
		}
		return value;
	}

	private InvalidTalendPropertyException invalid(String key, @Nullable Object value, String reason) {
		return new InvalidTalendPropertyException(this.prefix + "." + key, value, reason);
	}

	private static boolean isLoopback(String host) {
		String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
		if ("localhost".equalsIgnoreCase(bare)) {
			return true;
		}
		if (!bare.matches("[0-9.]+") && !bare.contains(":")) {
			return false;
		}
		try {
			// An IP literal is parsed without a name lookup.
			return InetAddress.getByName(bare).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

}
