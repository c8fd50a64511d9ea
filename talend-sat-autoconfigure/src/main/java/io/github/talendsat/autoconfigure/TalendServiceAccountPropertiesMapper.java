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

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.endpoint.OAuth2ClientCredentialsGrantRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
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

	private static final Pattern UNRESOLVED_PLACEHOLDER = Pattern.compile("\\$\\{[^}]+}");

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
		String hint = missingHint(properties);
		String clientId = clientId(properties.getClientId(), hint);
		String clientSecret = required("client-secret", properties.getClientSecret(), hint);
		String baseUrl = baseUrl(properties);
		String tokenUri = StringUtils.hasText(properties.getTokenUri())
				? url("token-uri", properties.getTokenUri(), true) : baseUrl + TOKEN_PATH;
		String audience = (properties.getAudience() != null) ? audience(properties.getAudience()) : baseUrl;
		Token token = properties.getToken();
		checkRetryIntervals(token);
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
		TokenSource source = () -> tokenClient.getTokenAsync(grantRequest);
		TalendTokenCache cache = new TalendTokenCache(new ObservedTokenSource(source, this.observations, name),
				this.clock);
		cache.setExpiryMargin(notNegative("token.expiry-margin", token.getExpiryMargin()));
		cache.setRefreshAhead(notNegative("token.refresh-ahead", token.getRefreshAhead()));
		cache.setRetryInitialInterval(positive("token.retry-initial-interval", token.getRetryInitialInterval()));
		cache.setRetryMaxInterval(positive("token.retry-max-interval", token.getRetryMaxInterval()));
		cache.setRequestTimeout(token.getConnectTimeout().plus(token.getReadTimeout()).plusSeconds(1));
		return new TalendServiceAccount(name, URI.create(baseUrl), withoutSecret(registration), cache, () -> {
			cache.close();
			tokenClient.close();
		});
	}

	/**
	 * The registration an account shows the application carries no secret: Spring
	 * Security's {@code ClientRegistration.toString()} prints it, and only the token
	 * request needs it.
	 */
	private static ClientRegistration withoutSecret(ClientRegistration registration) {
		return ClientRegistration.withClientRegistration(registration).clientSecret("").build();
	}

	private String baseUrl(TalendAccountProperties properties) {
		String regionUrl = regionUrl(properties.getRegion(), StringUtils.hasText(properties.getBaseUrl()));
		if (StringUtils.hasText(properties.getBaseUrl())) {
			return url("base-url", properties.getBaseUrl(), false);
		}
		if (regionUrl == null) {
			throw invalid("region", null, "Set " + this.prefix + ".region to one of " + String.join(", ", REGIONS)
					+ ", or set " + this.prefix + ".base-url to the API base URL");
		}
		return regionUrl;
	}

	/**
	 * Check the region even when a base URL overrides it, so that a typo never goes
	 * unnoticed. A blank value is what an unset environment variable in a placeholder
	 * gives: it means "not set".
	 */
	private @Nullable String regionUrl(@Nullable String region, boolean baseUrlSet) {
		if (!StringUtils.hasText(region)) {
			return null;
		}
		String normalized = region.trim().toLowerCase(Locale.ROOT);
		if (!REGIONS.contains(normalized)) {
			String hint = baseUrlSet ? "; as " + this.prefix + ".base-url is set, the region can also be left unset"
					: "; for another environment set " + this.prefix + ".base-url instead";
			throw invalid("region", region, "Accepted values are " + String.join(", ", REGIONS) + hint);
		}
		return "https://api." + normalized + ".cloud.talend.com";
	}

	/**
	 * Check an absolute http(s) URL and drop its trailing slash: Talend compares the
	 * audience as a string, so {@code https://api.eu.cloud.talend.com/} would not match.
	 * Talend documents an optional query parameter on the token URI, so a query is
	 * accepted only where {@code queryAllowed}.
	 */
	private String url(String key, String value, boolean queryAllowed) {
		String shown = withoutUserInfo(value);
		URI uri;
		try {
			uri = new URI(value.trim());
		}
		catch (URISyntaxException ex) {
			throw invalid(key, shown, "Expected an absolute URL such as https://api.eu.cloud.talend.com");
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : null;
		if (uri.getRawAuthority() == null || !("https".equals(scheme) || "http".equals(scheme))) {
			throw invalid(key, shown, "Expected an absolute URL with an https scheme and a host, such as "
					+ "https://api.eu.cloud.talend.com");
		}
		if (uri.getHost() == null) {
			// java.net.URI leaves the host unset when it cannot read it, as for 127.1 or
			// a name with an underscore.
			throw invalid(key, shown, "The host is not valid; expected a host name such as api.eu.cloud.talend.com, "
					+ "an IPv4 address such as 127.0.0.1, or an IPv6 address in brackets such as [::1]");
		}
		if (embedsIpv4(uri.getHost())) {
			throw invalid(key, shown, "An IPv6 address that embeds an IPv4 address is not accepted; "
					+ "write the IPv4 address itself, such as 127.0.0.1");
		}
		if ("http".equals(scheme) && !isLoopback(uri.getHost())) {
			throw invalid(key, shown, "Plain http is accepted only for a loopback host (localhost, 127.0.0.1, [::1]); "
					+ "use https, so that credentials and tokens are never sent in clear text");
		}
		if (uri.getRawUserInfo() != null || uri.getRawFragment() != null
				|| (!queryAllowed && uri.getRawQuery() != null)) {
			throw invalid(key, shown, queryAllowed ? "Expected a URL without user info or fragment"
					: "Expected a URL without user info, query or fragment");
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
		URI uri;
		try {
			uri = new URI(text);
		}
		catch (URISyntaxException ex) {
			uri = null;
		}
		if (uri == null || uri.getScheme() == null || uri.getHost() == null) {
			throw invalid("audience", withoutUserInfo(value),
					"Expected an absolute URL with a scheme and a host, such as https://api.eu.cloud.talend.com; "
							+ "leave it unset to use the API base URL");
		}
		while (text.endsWith("/")) {
			text = text.substring(0, text.length() - 1);
		}
		return text;
	}

	/**
	 * The client id and secret are taken as they are, spaces included: the Basic
	 * credential is the Base64 of exactly {@code id:secret}.
	 */
	private String clientId(@Nullable String value, String hint) {
		String clientId = required("client-id", value, hint);
		// RFC 7617 section 2: the user-id of a Basic credential cannot contain a colon,
		// which separates it from the password.
		if (clientId.indexOf(':') >= 0) {
			throw invalid("client-id", clientId, "Must not contain ':', which Basic authentication (RFC 7617) "
					+ "uses to separate the client id from the client secret");
		}
		return clientId;
	}

	/**
	 * A value such as {@code ${TALEND_CLIENT_ID}} whose variable is not set is bound as
	 * it is: it would be sent as the credential and rejected only at the first call.
	 */
	private String required(String key, @Nullable String value, String hint) {
		if (!StringUtils.hasText(value)) {
			throw invalid(key, null,
					"Must be set to the service account's " + key.replace('-', ' ') + " (" + hint + ")");
		}
		if (UNRESOLVED_PLACEHOLDER.matcher(value).find()) {
			throw invalid(key, value, "Holds a placeholder that nothing resolved: set the environment variable or "
					+ "property it names");
		}
		return value;
	}

	private String missingHint(TalendAccountProperties properties) {
		if (!DEFAULT_PREFIX.equals(this.prefix)) {
			return "or remove the " + this.prefix + " entry";
		}
		if (properties instanceof TalendServiceAccountProperties all && !all.getAccounts().isEmpty()) {
			return "or, to use only the named accounts, leave " + DEFAULT_PREFIX
					+ ".client-id, client-secret, region and base-url unset";
		}
		return "or set " + DEFAULT_PREFIX + ".enabled=false";
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

	private void checkRetryIntervals(Token token) {
		Duration initial = positive("token.retry-initial-interval", token.getRetryInitialInterval());
		Duration max = positive("token.retry-max-interval", token.getRetryMaxInterval());
		if (initial.compareTo(max) > 0) {
			throw invalid("token.retry-initial-interval", initial,
					"Must not be longer than " + this.prefix + ".token.retry-max-interval (" + max + ")");
		}
	}

	private InvalidTalendPropertyException invalid(String key, @Nullable Object value, String reason) {
		return new InvalidTalendPropertyException(this.prefix + "." + key, value, reason);
	}

	/**
	 * The user info of a URL may hold a password, so a URL is quoted with everything up
	 * to its last {@code @} masked.
	 */
	private static String withoutUserInfo(String value) {
		return value.replaceFirst("^([A-Za-z][A-Za-z0-9+.-]*://)?.*@", "$1[redacted]@");
	}

	/**
	 * Spring's URI parser rejects an IPv6 literal with a dotted IPv4 part, and the JDK
	 * reads {@code [::ffff:7f00:1]} as the IPv4 address it maps, so both are refused with
	 * one rule.
	 */
	private static boolean embedsIpv4(String host) {
		if (!host.startsWith("[")) {
			return false;
		}
		String bare = host.substring(1, host.length() - 1);
		try {
			// An IP literal is parsed without a name lookup.
			return bare.contains(".") || InetAddress.getByName(bare) instanceof Inet4Address;
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

	private static boolean isLoopback(String host) {
		if ("localhost".equalsIgnoreCase(host)) {
			return true;
		}
		boolean ipv6 = host.startsWith("[");
		// Only a dotted quad counts as an IPv4 address: the JDK reads 2130706433 or 127.1
		// as 127.0.0.1, but Spring's HTTP clients look them up as host names.
		if (!ipv6 && !host.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}")) {
			return false;
		}
		try {
			// An IP literal is parsed without a name lookup.
			return InetAddress.getByName(ipv6 ? host.substring(1, host.length() - 1) : host).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

}
