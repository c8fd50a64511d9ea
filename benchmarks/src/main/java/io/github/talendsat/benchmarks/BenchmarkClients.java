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
package io.github.talendsat.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ClientCredentialsOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2ClientCredentialsGrantRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.web.client.RestClient;

import io.github.talendsat.account.TalendServiceAccount;
import io.github.talendsat.autoconfigure.TalendAccountProperties;
import io.github.talendsat.cache.TalendTokenCache;
import io.github.talendsat.cache.TokenSource;
import io.github.talendsat.client.TalendBearerInterceptor;
import io.github.talendsat.observability.ObservedTokenSource;
import io.github.talendsat.test.TalendCloudEmulator;
import io.github.talendsat.test.TalendCloudEmulator.Account;
import io.github.talendsat.token.TalendTokenClient;

/**
 * Builds the three clients by hand, each on a JDK {@link HttpClient} of its own behind
 * the same kind of request factory, all pointed at one emulator.
 *
 * @author talend-sat
 */
final class BenchmarkClients {

	static final String REGISTRATION_ID = "talend";

	private static final String ACCOUNT_NAME = "default";

	private static final Authentication PRINCIPAL = new AnonymousAuthenticationToken("talend-sat-benchmarks",
			"talend-sat-benchmarks", AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));

	private BenchmarkClients() {
	}

	static BenchmarkClient create(Implementation implementation, TalendCloudEmulator emulator, Duration tokenLifetime) {
		return switch (implementation) {
			case STARTER -> starter(emulator);
			case BASELINE -> baseline(emulator, tokenLifetime);
			case FIXED -> fixed(emulator);
		};
	}

	/**
	 * The margin talend-sat keeps before a token's expiry, which the baseline gets as its
	 * clock skew: Spring Security's default of 60 s would make it renew on every call
	 * with short test tokens.
	 * @param tokenLifetime the lifetime the emulator gives its tokens
	 * @return the margin
	 */
	static Duration expiryMargin(Duration tokenLifetime) {
		Duration margin = defaults().getExpiryMargin();
		Duration twentieth = tokenLifetime.dividedBy(20);
		return (margin.compareTo(twentieth) <= 0) ? margin : twentieth;
	}

	/**
	 * The account as {@code TalendServiceAccountPropertiesMapper} wires it from the
	 * default properties, with the no-op observation registry an application without
	 * Micrometer gets.
	 */
	private static BenchmarkClient starter(TalendCloudEmulator emulator) {
		TalendAccountProperties.Token token = defaults();
		ClientRegistration registration = registration(emulator);
		TalendTokenClient tokenClient = tokenClient(emulator);
		tokenClient.setDefaultLifetime(token.getDefaultLifetime());
		OAuth2ClientCredentialsGrantRequest grantRequest = new OAuth2ClientCredentialsGrantRequest(registration);
		TokenSource source = () -> tokenClient.getTokenAsync(grantRequest);
		TalendTokenCache cache = new TalendTokenCache(
				new ObservedTokenSource(source, ObservationRegistry.NOOP, ACCOUNT_NAME), Clock.systemUTC());
		cache.setExpiryMargin(token.getExpiryMargin());
		cache.setRefreshAhead(token.getRefreshAhead());
		cache.setRetryInitialInterval(token.getRetryInitialInterval());
		cache.setRetryMaxInterval(token.getRetryMaxInterval());
		cache.setRequestTimeout(token.getConnectTimeout().plus(token.getReadTimeout()).plusSeconds(1));
		TalendServiceAccount account = new TalendServiceAccount(ACCOUNT_NAME, URI.create(emulator.baseUrl()),
				registration, cache, tokenClient);
		RestClient restClient = restClient(emulator).requestInterceptor(new TalendBearerInterceptor(account)).build();
		return new BenchmarkClient(Implementation.STARTER, restClient, () -> {
			OAuth2AccessToken held = cache.peek();
			return (held != null) ? held.getTokenValue() : null;
		}, cache, account);
	}

	private static BenchmarkClient baseline(TalendCloudEmulator emulator, Duration tokenLifetime) {
		InMemoryClientRegistrationRepository registrations = new InMemoryClientRegistrationRepository(
				registration(emulator));
		InMemoryOAuth2AuthorizedClientService authorizedClients = new InMemoryOAuth2AuthorizedClientService(
				registrations);
		ClientCredentialsOAuth2AuthorizedClientProvider provider = new ClientCredentialsOAuth2AuthorizedClientProvider();
		TalendTokenClient tokenClient = tokenClient(emulator);
		provider.setAccessTokenResponseClient(tokenClient);
		Duration clockSkew = expiryMargin(tokenLifetime);
		provider.setClockSkew(clockSkew);
		var manager = new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations, authorizedClients);
		manager.setAuthorizedClientProvider(provider);
		OAuth2ClientHttpRequestInterceptor interceptor = new OAuth2ClientHttpRequestInterceptor(manager);
		interceptor.setClientRegistrationIdResolver((request) -> REGISTRATION_ID);
		interceptor.setPrincipalResolver((request) -> PRINCIPAL);
		interceptor.setAuthorizationFailureHandler(
				OAuth2ClientHttpRequestInterceptor.authorizationFailureHandler(authorizedClients));
		RestClient restClient = restClient(emulator).requestInterceptor(interceptor).build();
		return new BenchmarkClient(Implementation.BASELINE, restClient, () -> {
			OAuth2AuthorizedClient held = authorizedClients.loadAuthorizedClient(REGISTRATION_ID, PRINCIPAL.getName());
			if (held == null || Instant.now().isAfter(held.getAccessToken().getExpiresAt().minus(clockSkew))) {
				return null;
			}
			return held.getAccessToken().getTokenValue();
		}, null, tokenClient);
	}

	private static BenchmarkClient fixed(TalendCloudEmulator emulator) {
		String token;
		try (TalendTokenClient tokenClient = tokenClient(emulator)) {
			token = tokenClient.getTokenResponse(new OAuth2ClientCredentialsGrantRequest(registration(emulator)))
				.getAccessToken()
				.getTokenValue();
		}
		RestClient restClient = restClient(emulator).requestInterceptor((request, body, execution) -> {
			request.getHeaders().setBearerAuth(token);
			return execution.execute(request, body);
		}).build();
		return new BenchmarkClient(Implementation.FIXED, restClient, () -> token, null, () -> {
		});
	}

	private static TalendAccountProperties.Token defaults() {
		return new TalendAccountProperties().getToken();
	}

	private static ClientRegistration registration(TalendCloudEmulator emulator) {
		return ClientRegistration.withRegistrationId(REGISTRATION_ID)
			.clientId(Account.DEMO_CLIENT_ID)
			.clientSecret(Account.DEMO_CLIENT_SECRET)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.tokenUri(emulator.tokenUri())
			.build();
	}

	private static TalendTokenClient tokenClient(TalendCloudEmulator emulator) {
		TalendAccountProperties.Token token = defaults();
		return new TalendTokenClient(emulator.baseUrl(), token.getConnectTimeout(), token.getReadTimeout());
	}

	private static RestClient.Builder restClient(TalendCloudEmulator emulator) {
		HttpClient httpClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		return RestClient.builder()
			.baseUrl(emulator.baseUrl())
			.requestFactory(new JdkClientHttpRequestFactory(httpClient));
	}

}
