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

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientAutoConfiguration;
import org.springframework.boot.security.oauth2.client.autoconfigure.reactive.ReactiveOAuth2ClientAutoConfiguration;
import org.springframework.boot.security.oauth2.client.autoconfigure.reactive.ReactiveOAuth2ClientWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.client.autoconfigure.servlet.OAuth2ClientWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.oauth2.client.ClientCredentialsOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2ClientCredentialsGrantRequest;
import org.springframework.security.oauth2.client.endpoint.ReactiveOAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.web.server.ServerWebExchange;

import io.github.talendsat.test.TalendCloudEmulator;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that an application's own {@code spring.security.oauth2.client.registration.*}
 * clients keep working beside the Talend account.
 *
 * @author talend-sat
 */
class OAuth2ClientCoexistenceTests {

	private TalendCloudEmulator talend;

	private WireMockServer otherProvider;

	@BeforeEach
	void start() {
		this.talend = TalendCloudEmulator.builder().account("sat-id", "sat-secret").build().start();
		this.otherProvider = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
		this.otherProvider.start();
		this.otherProvider.stubFor(post("/oauth2/token").willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"access_token\":\"other-token\",\"token_type\":\"Bearer\",\"expires_in\":300}")));
	}

	@AfterEach
	void stop() {
		this.talend.stop();
		this.otherProvider.stop();
	}

	@Test
	void managerWhenApplicationHasOwnRegistrationThenBothRegistrationsAreAuthorized() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(OAuth2ClientAutoConfiguration.class,
					TalendServiceAccountAutoConfiguration.class))
			.withPropertyValues(talendProperties())
			.withPropertyValues(otherRegistrationProperties())
			.run((context) -> {
				assertThat(context).hasSingleBean(ClientRegistrationRepository.class);
				OAuth2AuthorizedClientManager manager = context.getBean(OAuth2AuthorizedClientManager.class);
				OAuth2AuthorizedClient other = manager
					.authorize(OAuth2AuthorizeRequest.withClientRegistrationId("other").principal("job").build());
				OAuth2AuthorizedClient talend = manager
					.authorize(OAuth2AuthorizeRequest.withClientRegistrationId("talend").principal("job").build());
				assertThat(other.getAccessToken().getTokenValue()).isEqualTo("other-token");
				assertThat(talend.getAccessToken().getTokenValue()).isNotEqualTo("other-token");
				assertOtherProviderGotAStandardFormRequest();
				assertThat(this.talend.tokenRequests()).isEqualTo(1);
			});
	}

	@Test
	void managerWhenServletApplicationHasOwnRegistrationThenRequestBoundAuthorizationStillWorks() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SecurityAutoConfiguration.class,
					ServletWebSecurityAutoConfiguration.class, OAuth2ClientAutoConfiguration.class,
					OAuth2ClientWebSecurityAutoConfiguration.class, TalendServiceAccountAutoConfiguration.class))
			.withPropertyValues(talendProperties())
			.withPropertyValues(otherRegistrationProperties())
			.run((context) -> {
				assertThat(context).hasNotFailed();
				OAuth2AuthorizedClientManager manager = context.getBean(OAuth2AuthorizedClientManager.class);
				OAuth2AuthorizedClient other = manager
					.authorize(OAuth2AuthorizeRequest.withClientRegistrationId("other")
						.principal("user")
						.attribute(HttpServletRequest.class.getName(), new MockHttpServletRequest())
						.attribute(HttpServletResponse.class.getName(), new MockHttpServletResponse())
						.build());
				assertThat(other.getAccessToken().getTokenValue()).isEqualTo("other-token");
				assertOtherProviderGotAStandardFormRequest();
			});
	}

	@Test
	void startupWhenApplicationRegistrationUsesTalendRegistrationIdThenFailsNamingIt() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(OAuth2ClientAutoConfiguration.class,
					TalendServiceAccountAutoConfiguration.class))
			.withPropertyValues(talendProperties())
			.withPropertyValues("spring.security.oauth2.client.registration.talend.client-id=other-id",
					"spring.security.oauth2.client.registration.talend.client-secret=other-secret",
					"spring.security.oauth2.client.registration.talend.authorization-grant-type=client_credentials",
					"spring.security.oauth2.client.registration.talend.provider=other",
					"spring.security.oauth2.client.provider.other.token-uri=" + this.otherProvider.baseUrl()
							+ "/oauth2/token")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(InvalidTalendPropertyException.class)
					.hasMessage("Invalid configuration property 'spring.security.oauth2.client.registration.talend': "
							+ "The registration id 'talend' belongs to the Talend service account 'default'; "
							+ "give the application's own registration another id");
			});
	}

	// Each case runs with the Talend account off too: what stock Spring Security does is
	// what the application must keep getting with it on.

	@ParameterizedTest(name = "talend enabled: {0}")
	@ValueSource(booleans = { false, true })
	void managerWhenApplicationDefinesTokenResponseClientThenItsRegistrationUsesIt(boolean talendEnabled) {
		servletApplication(talendEnabled, TokenResponseClientConfiguration.class)
			.run((context) -> assertThat(authorizeOther(context)).isEqualTo("token-from-response-client"));
	}

	@ParameterizedTest(name = "talend enabled: {0}")
	@ValueSource(booleans = { false, true })
	void managerWhenApplicationDefinesClientCredentialsProviderThenItsRegistrationUsesIt(boolean talendEnabled) {
		servletApplication(talendEnabled, ProviderConfiguration.class)
			.run((context) -> assertThat(authorizeOther(context)).isEqualTo("token-from-provider"));
	}

	@ParameterizedTest(name = "talend enabled: {0}")
	@ValueSource(booleans = { false, true })
	void managerWhenApplicationDefinesManagerCustomizerThenItIsApplied(boolean talendEnabled) {
		servletApplication(talendEnabled, ManagerCustomizerConfiguration.class).run((context) -> {
			assertThat(authorizeOther(context)).isEqualTo("other-token");
			assertThat(context.getBean(ManagerCustomizerConfiguration.class).successes).hasValue(1);
		});
	}

	@ParameterizedTest(name = "talend enabled: {0}")
	@ValueSource(booleans = { false, true })
	void reactiveManagerWhenApplicationDefinesTokenResponseClientThenItsRegistrationUsesIt(boolean talendEnabled) {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ReactiveWebSecurityAutoConfiguration.class,
					ReactiveOAuth2ClientAutoConfiguration.class, ReactiveOAuth2ClientWebSecurityAutoConfiguration.class,
					TalendServiceAccountAutoConfiguration.class))
			.withUserConfiguration(ReactiveTokenResponseClientConfiguration.class)
			.withPropertyValues(talendProperties())
			.withPropertyValues(otherRegistrationProperties())
			.withPropertyValues("talend.service-account.enabled=" + talendEnabled)
			.run((context) -> {
				ServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/"));
				OAuth2AuthorizedClient other = context.getBean(ReactiveOAuth2AuthorizedClientManager.class)
					.authorize(OAuth2AuthorizeRequest.withClientRegistrationId("other")
						.principal("user")
						.attribute(ServerWebExchange.class.getName(), exchange)
						.build())
					.block(Duration.ofSeconds(10));
				assertThat(other.getAccessToken().getTokenValue()).isEqualTo("token-from-response-client");
			});
	}

	private WebApplicationContextRunner servletApplication(boolean talendEnabled, Class<?> configuration) {
		return new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SecurityAutoConfiguration.class,
					ServletWebSecurityAutoConfiguration.class, OAuth2ClientAutoConfiguration.class,
					OAuth2ClientWebSecurityAutoConfiguration.class, TalendServiceAccountAutoConfiguration.class))
			.withUserConfiguration(configuration)
			.withPropertyValues(talendProperties())
			.withPropertyValues(otherRegistrationProperties())
			.withPropertyValues("talend.service-account.enabled=" + talendEnabled);
	}

	private static String authorizeOther(ApplicationContext context) {
		return context.getBean(OAuth2AuthorizedClientManager.class)
			.authorize(OAuth2AuthorizeRequest.withClientRegistrationId("other")
				.principal("user")
				.attribute(HttpServletRequest.class.getName(), new MockHttpServletRequest())
				.attribute(HttpServletResponse.class.getName(), new MockHttpServletResponse())
				.build())
			.getAccessToken()
			.getTokenValue();
	}

	private static OAuth2AccessTokenResponse tokenResponse(String value) {
		return OAuth2AccessTokenResponse.withToken(value)
			.tokenType(OAuth2AccessToken.TokenType.BEARER)
			.expiresIn(300)
			.build();
	}

	private void assertOtherProviderGotAStandardFormRequest() {
		this.otherProvider.verify(1,
				postRequestedFor(urlEqualTo("/oauth2/token"))
					.withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
					.withRequestBody(containing("grant_type=client_credentials")));
	}

	private String[] talendProperties() {
		return new String[] { "talend.service-account.client-id=sat-id",
				"talend.service-account.client-secret=sat-secret",
				"talend.service-account.base-url=" + this.talend.baseUrl() };
	}

	private String[] otherRegistrationProperties() {
		return new String[] { "spring.security.oauth2.client.registration.other.client-id=other-id",
				"spring.security.oauth2.client.registration.other.client-secret=other-secret",
				"spring.security.oauth2.client.registration.other.authorization-grant-type=client_credentials",
				"spring.security.oauth2.client.registration.other.provider=other",
				"spring.security.oauth2.client.provider.other.token-uri=" + this.otherProvider.baseUrl()
						+ "/oauth2/token" };
	}

	@Configuration(proxyBeanMethods = false)
	static class TokenResponseClientConfiguration {

		@Bean
		OAuth2AccessTokenResponseClient<OAuth2ClientCredentialsGrantRequest> otherTokenResponseClient() {
			return (request) -> tokenResponse("token-from-response-client");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ProviderConfiguration {

		@Bean
		ClientCredentialsOAuth2AuthorizedClientProvider otherProvider() {
			ClientCredentialsOAuth2AuthorizedClientProvider provider = new ClientCredentialsOAuth2AuthorizedClientProvider();
			provider.setAccessTokenResponseClient((request) -> tokenResponse("token-from-provider"));
			return provider;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ManagerCustomizerConfiguration {

		final AtomicInteger successes = new AtomicInteger();

		@Bean
		Consumer<DefaultOAuth2AuthorizedClientManager> managerCustomizer() {
			return (manager) -> manager
				.setAuthorizationSuccessHandler((client, principal, attributes) -> this.successes.incrementAndGet());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ReactiveTokenResponseClientConfiguration {

		@Bean
		ReactiveOAuth2AccessTokenResponseClient<OAuth2ClientCredentialsGrantRequest> otherTokenResponseClient() {
			return (request) -> Mono.just(tokenResponse("token-from-response-client"));
		}

	}

}
