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

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.talendsat.account.TalendServiceAccount;
import io.github.talendsat.cache.TalendTokenCache;
import io.github.talendsat.security.TalendAuthorizedClientManager;
import io.github.talendsat.security.TalendReactiveAuthorizedClientManager;
import io.github.talendsat.test.TalendCloudEmulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.mockito.Mockito.mock;

/**
 * Tests for the talend-sat auto-configurations.
 *
 * @author talend-sat
 */
class TalendServiceAccountAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TalendServiceAccountAutoConfiguration.class,
				TalendRestClientAutoConfiguration.class, TalendWebClientAutoConfiguration.class,
				RestClientAutoConfiguration.class, WebClientAutoConfiguration.class))
		.withPropertyValues("talend.service-account.client-id=my-id", "talend.service-account.client-secret=s3cr3t");

	@Test
	void autoConfigurationWhenRegionSetThenProvidesAccountManagersAndClients() {
		this.contextRunner.withPropertyValues("talend.service-account.region=eu").run((context) -> {
			assertThat(context).hasNotFailed();
			TalendServiceAccount account = context.getBean(TalendServiceAccount.class);
			assertThat(account.getApiBaseUrl()).isEqualTo(URI.create("https://api.eu.cloud.talend.com"));
			ClientRegistration registration = account.getClientRegistration();
			assertThat(registration.getRegistrationId()).isEqualTo("talend");
			assertThat(registration.getClientId()).isEqualTo("my-id");
			assertThat(registration.getProviderDetails().getTokenUri())
				.isEqualTo("https://api.eu.cloud.talend.com/security/oauth/token");
			assertThat(context).getBean("talendAuthorizedClientManager")
				.isInstanceOf(TalendAuthorizedClientManager.class);
			assertThat(context).getBean("talendReactiveAuthorizedClientManager")
				.isInstanceOf(TalendReactiveAuthorizedClientManager.class);
			assertThat(context).getBean("talendRestClient").isInstanceOf(RestClient.class);
			assertThat(context).getBean("talendWebClient").isInstanceOf(WebClient.class);
		});
	}

	@Test
	void autoConfigurationWhenEachRegionSetThenUsesItsHost() {
		for (String region : new String[] { "us", "eu", "ap", "au", "us-west", "US-West" }) {
			this.contextRunner.withPropertyValues("talend.service-account.region=" + region)
				.run((context) -> assertThat(context.getBean(TalendServiceAccount.class).getApiBaseUrl())
					.hasToString("https://api." + region.toLowerCase() + ".cloud.talend.com"));
		}
	}

	@Test
	void autoConfigurationWhenBaseUrlSetThenItWinsOverRegionWithoutTrailingSlash() {
		this.contextRunner
			.withPropertyValues("talend.service-account.region=us",
					"talend.service-account.base-url=https://api.eu.cloud.talend.com/")
			.run((context) -> {
				TalendServiceAccount account = context.getBean(TalendServiceAccount.class);
				assertThat(account.getApiBaseUrl()).hasToString("https://api.eu.cloud.talend.com");
				assertThat(account.getClientRegistration().getProviderDetails().getTokenUri())
					.isEqualTo("https://api.eu.cloud.talend.com/security/oauth/token");
			});
	}

	@Test
	void autoConfigurationWhenLoopbackHttpBaseUrlThenAccepted() {
		this.contextRunner.withPropertyValues("talend.service-account.base-url=http://127.0.0.1:8090")
			.run((context) -> assertThat(context.getBean(TalendServiceAccount.class).getApiBaseUrl())
				.hasToString("http://127.0.0.1:8090"));
		this.contextRunner.withPropertyValues("talend.service-account.base-url=http://localhost:8090")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void autoConfigurationWhenTokenUriSetThenItIsUsed() {
		this.contextRunner
			.withPropertyValues("talend.service-account.region=eu",
					"talend.service-account.token-uri=https://login.example.com/oauth/token")
			.run((context) -> assertThat(context.getBean(TalendServiceAccount.class)
				.getClientRegistration()
				.getProviderDetails()
				.getTokenUri()).isEqualTo("https://login.example.com/oauth/token"));
	}

	@Test
	void autoConfigurationWhenDisabledThenNoBeans() {
		this.contextRunner.withPropertyValues("talend.service-account.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(TalendServiceAccount.class);
			assertThat(context).doesNotHaveBean("talendAuthorizedClientManager");
			assertThat(context).doesNotHaveBean("talendRestClient");
			assertThat(context).doesNotHaveBean("talendWebClient");
		});
	}

	@Test
	void autoConfigurationWhenSpringSecurityOAuth2ClientMissingThenNoBeans() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ClientRegistration.class))
			.withPropertyValues("talend.service-account.region=eu")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(TalendServiceAccount.class);
				assertThat(context).doesNotHaveBean("talendRestClient");
			});
	}

	@Test
	void autoConfigurationWhenWebFluxMissingThenRestClientOnly() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(WebClient.class))
			.withPropertyValues("talend.service-account.region=eu")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasBean("talendRestClient");
				assertThat(context).doesNotHaveBean("talendWebClient");
			});
	}

	@Test
	void autoConfigurationWhenReactorMissingThenNoReactiveBeans() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(Mono.class))
			.withPropertyValues("talend.service-account.region=eu")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasBean("talendRestClient");
				assertThat(context).hasBean("talendAuthorizedClientManager");
				assertThat(context).doesNotHaveBean("talendReactiveAuthorizedClientManager");
				assertThat(context).doesNotHaveBean("talendWebClient");
			});
	}

	@Test
	void autoConfigurationWhenRestClientMissingThenWebClientOnly() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(RestClient.class))
			.withPropertyValues("talend.service-account.region=eu")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean("talendRestClient");
				assertThat(context).hasBean("talendWebClient");
			});
	}

	@Test
	void autoConfigurationWhenUserDefinesAccountThenBacksOff() {
		this.contextRunner.withUserConfiguration(UserAccountConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(TalendServiceAccount.class);
			assertThat(context.getBean(TalendServiceAccount.class).getName()).isEqualTo("mine");
			assertThat(context).hasBean("talendRestClient");
		});
	}

	@Test
	void autoConfigurationWhenUserDefinesManagersThenTheirsAreKept() {
		this.contextRunner.withPropertyValues("talend.service-account.region=eu")
			.withBean("myManager", OAuth2AuthorizedClientManager.class, () -> mock(OAuth2AuthorizedClientManager.class))
			.withBean("myReactiveManager", ReactiveOAuth2AuthorizedClientManager.class,
					() -> mock(ReactiveOAuth2AuthorizedClientManager.class))
			.run((context) -> {
				assertThat(context).hasSingleBean(OAuth2AuthorizedClientManager.class);
				assertThat(context).hasSingleBean(ReactiveOAuth2AuthorizedClientManager.class);
				assertThat(context).doesNotHaveBean("talendAuthorizedClientManager");
				assertThat(context).doesNotHaveBean("talendReactiveAuthorizedClientManager");
				assertThat(context).hasBean("talendRestClient");
			});
	}

	@Test
	void autoConfigurationWhenUserDefinesClientsByNameThenTheirsAreKept() {
		RestClient restClient = RestClient.create();
		WebClient webClient = WebClient.create();
		this.contextRunner.withPropertyValues("talend.service-account.region=eu")
			.withBean("talendRestClient", RestClient.class, () -> restClient)
			.withBean("talendWebClient", WebClient.class, () -> webClient)
			.run((context) -> {
				assertThat(context.getBean("talendRestClient")).isSameAs(restClient);
				assertThat(context.getBean("talendWebClient")).isSameAs(webClient);
			});
	}

	@Test
	void autoConfigurationWhenApplicationHasItsOwnClientsThenInjectionByTypeStillFindsThem() {
		this.contextRunner.withPropertyValues("talend.service-account.region=eu")
			.withUserConfiguration(OwnClientsConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				OwnClientsConfiguration.Consumer consumer = context.getBean(OwnClientsConfiguration.Consumer.class);
				assertThat(consumer.restClient()).isSameAs(context.getBean("ownRestClient"));
				assertThat(consumer.webClient()).isSameAs(context.getBean("ownWebClient"));
			});
	}

	@Test
	void startupWhenClientIdBlankThenFailsNamingProperty() {
		assertStartupFailure(
				this.contextRunner.withPropertyValues("talend.service-account.client-id= ",
						"talend.service-account.region=eu"),
				(ex) -> assertThat(ex).hasMessage("Invalid configuration property 'talend.service-account.client-id': "
						+ "Must be set to the service account's client id (or set talend.service-account.enabled=false)"));
	}

	@Test
	void startupWhenClientIdIsAPlaceholderNothingResolvedThenFailsNamingPropertyAndPlaceholder() {
		assertStartupFailure(
				this.contextRunner.withPropertyValues("talend.service-account.client-id=${TALEND_SAT_UNSET_ID}",
						"talend.service-account.region=eu"),
				(ex) -> assertThat(ex).hasMessage("Invalid configuration property 'talend.service-account.client-id' "
						+ "(value '${TALEND_SAT_UNSET_ID}'): Holds a placeholder that nothing resolved: set the "
						+ "environment variable or property it names"));
	}

	@Test
	void startupWhenClientSecretIsAPlaceholderNothingResolvedThenFailsWithoutQuotingIt() {
		assertStartupFailure(
				new ApplicationContextRunner()
					.withConfiguration(AutoConfigurations.of(TalendServiceAccountAutoConfiguration.class))
					.withPropertyValues("talend.service-account.client-id=my-id",
							"talend.service-account.client-secret=${TALEND_SAT_UNSET_SECRET}",
							"talend.service-account.region=eu"),
				(ex) -> assertThat(ex)
					.hasMessage("Invalid configuration property 'talend.service-account.client-secret': Holds a "
							+ "placeholder that nothing resolved: set the environment variable or property it names"));
	}

	@Test
	void startupWhenClientSecretMissingThenFailsNamingPropertyWithoutValue() {
		assertStartupFailure(
				new ApplicationContextRunner()
					.withConfiguration(AutoConfigurations.of(TalendServiceAccountAutoConfiguration.class))
					.withPropertyValues("talend.service-account.client-id=my-id", "talend.service-account.region=eu"),
				(ex) -> assertThat(ex)
					.hasMessage("Invalid configuration property 'talend.service-account.client-secret': "
							+ "Must be set to the service account's client secret "
							+ "(or set talend.service-account.enabled=false)"));
	}

	@Test
	void startupWhenRegionUnknownThenFailsListingAcceptedValues() {
		assertStartupFailure(this.contextRunner.withPropertyValues("talend.service-account.region=europe"),
				(ex) -> assertThat(ex)
					.hasMessage("Invalid configuration property 'talend.service-account.region' (value 'europe'): "
							+ "Accepted values are us, eu, ap, au, us-west; "
							+ "for another environment set talend.service-account.base-url instead"));
	}

	@Test
	void startupWhenNeitherRegionNorBaseUrlThenFailsNamingBoth() {
		assertStartupFailure(this.contextRunner,
				(ex) -> assertThat(ex).hasMessage("Invalid configuration property 'talend.service-account.region': "
						+ "Set talend.service-account.region to one of us, eu, ap, au, us-west, "
						+ "or set talend.service-account.base-url to the API base URL"));
	}

	@Test
	void startupWhenRegionBlankLikeAnUnsetPlaceholderThenFailsAsIfNotSet() {
		assertStartupFailure(
				this.contextRunner.withPropertyValues("talend.service-account.region=",
						"talend.service-account.base-url="),
				(ex) -> assertThat(ex).hasMessage("Invalid configuration property 'talend.service-account.region': "
						+ "Set talend.service-account.region to one of us, eu, ap, au, us-west, "
						+ "or set talend.service-account.base-url to the API base URL"));
	}

	@Test
	void startupWhenBaseUrlHasNoSchemeThenFailsNamingProperty() {
		assertStartupFailure(
				this.contextRunner.withPropertyValues("talend.service-account.base-url=api.eu.cloud.talend.com"),
				(ex) -> assertThat(ex).hasMessage(
						"Invalid configuration property 'talend.service-account.base-url' (value 'api.eu.cloud.talend.com'): "
								+ "Expected an absolute URL with an https scheme and a host, such as "
								+ "https://api.eu.cloud.talend.com"));
	}

	@Test
	void startupWhenPlainHttpBaseUrlIsNotLoopbackThenFails() {
		assertStartupFailure(
				this.contextRunner.withPropertyValues("talend.service-account.base-url=http://api.eu.cloud.talend.com"),
				(ex) -> assertThat(ex).hasMessageStartingWith(
						"Invalid configuration property 'talend.service-account.base-url' (value 'http://api.eu.cloud.talend.com'): "
								+ "Plain http is accepted only for a loopback host"));
	}

	@Test
	void startupWhenTokenUriInvalidThenFailsNamingProperty() {
		assertStartupFailure(
				this.contextRunner.withPropertyValues("talend.service-account.region=eu",
						"talend.service-account.token-uri=ftp://example.com/token"),
				(ex) -> assertThat(ex).hasMessageStartingWith(
						"Invalid configuration property 'talend.service-account.token-uri' (value 'ftp://example.com/token')"));
	}

	@Test
	void startupWhenTimeoutNotPositiveThenFailsNamingProperty() {
		assertStartupFailure(
				this.contextRunner.withPropertyValues("talend.service-account.region=eu",
						"talend.service-account.token.read-timeout=0s"),
				(ex) -> assertThat(ex).hasMessage(
						"Invalid configuration property 'talend.service-account.token.read-timeout' (value 'PT0S'): "
								+ "Must be a positive duration, such as 10s"));
	}

	@Test
	void startupWhenTokenEndpointIsDownThenContextStarts() {
		this.contextRunner.withPropertyValues("talend.service-account.base-url=http://127.0.0.1:1").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(TalendServiceAccount.class).getTokenCache().statistics().tokensObtained())
				.isZero();
		});
	}

	@Test
	void autoConfigurationWhenClientIdAndSecretHaveSurroundingSpacesThenTheyAreKeptAsIs() {
		try (TalendCloudEmulator talend = TalendCloudEmulator.builder().account(" sat-id", "s3cr3t ").build().start()) {
			this.contextRunner.withPropertyValues("talend.service-account.base-url=" + talend.baseUrl())
				.withInitializer((context) -> context.getEnvironment()
					.getPropertySources()
					.addFirst(new MapPropertySource("untrimmed",
							Map.of("talend.service-account.client-id", " sat-id",
									"talend.service-account.client-secret", "s3cr3t "))))
				.run((context) -> {
					TalendServiceAccount account = context.getBean(TalendServiceAccount.class);
					assertThat(account.getClientRegistration().getClientId()).isEqualTo(" sat-id");
					assertThat(account.getTokenCache().getToken().getTokenValue()).isNotEmpty();
					assertThat(talend.tokenRequestLog()).singleElement()
						.satisfies((request) -> assertThat(request.header("Authorization"))
							.isEqualTo("Basic " + Base64.getEncoder()
								.encodeToString(" sat-id:s3cr3t ".getBytes(StandardCharsets.UTF_8))));
				});
		}
	}

	@Test
	void startupWhenClientSecretOnlyWhitespaceThenFailsAsMissing() {
		assertStartupFailure(
				this.contextRunner.withPropertyValues("talend.service-account.region=eu")
					.withInitializer((context) -> context.getEnvironment()
						.getPropertySources()
						.addFirst(new MapPropertySource("untrimmed",
								Map.of("talend.service-account.client-secret", " \t ")))),
				(ex) -> assertThat(ex)
					.hasMessage("Invalid configuration property 'talend.service-account.client-secret': "
							+ "Must be set to the service account's client secret "
							+ "(or set talend.service-account.enabled=false)"));
	}

	@Test
	void startupWhenClientIdContainsColonThenFailsCitingBasicAuthentication() {
		assertStartupFailure(
				this.contextRunner.withPropertyValues("talend.service-account.client-id=my:id",
						"talend.service-account.region=eu"),
				(ex) -> assertThat(ex)
					.hasMessage("Invalid configuration property 'talend.service-account.client-id' (value 'my:id'): "
							+ "Must not contain ':', which Basic authentication (RFC 7617) uses to separate "
							+ "the client id from the client secret"));
	}

	@Test
	void startupWhenBaseUrlHostCannotBeReadThenFailsSayingHostIsInvalid() {
		for (String baseUrl : new String[] { "http://127.1:8080", "https://api_eu.cloud.talend.com" }) {
			assertStartupFailure(this.contextRunner.withPropertyValues("talend.service-account.base-url=" + baseUrl),
					(ex) -> assertThat(ex)
						.hasMessage("Invalid configuration property 'talend.service-account.base-url' " + "(value '"
								+ baseUrl + "'): The host is not valid; expected a host name such as "
								+ "api.eu.cloud.talend.com, an IPv4 address such as 127.0.0.1, "
								+ "or an IPv6 address in brackets such as [::1]"));
		}
	}

	@Test
	void startupWhenBaseUrlIsIpv4MappedIpv6ThenFailsNamingTheIpv4Form() {
		for (String baseUrl : new String[] { "http://[::ffff:127.0.0.1]:8080", "http://[::ffff:7f00:1]:8080",
				"https://[::ffff:10.0.0.1]" }) {
			assertStartupFailure(this.contextRunner.withPropertyValues("talend.service-account.base-url=" + baseUrl),
					(ex) -> assertThat(ex)
						.hasMessage("Invalid configuration property 'talend.service-account.base-url' " + "(value '"
								+ baseUrl + "'): An IPv6 address that embeds an IPv4 address is not accepted; "
								+ "write the IPv4 address itself, such as 127.0.0.1"));
		}
	}

	@Test
	void startupWhenPlainHttpHostIsANumberOtherThanADottedQuadThenNotTakenForLoopback() {
		assertStartupFailure(this.contextRunner.withPropertyValues("talend.service-account.base-url=http://2130706433"),
				(ex) -> assertThat(ex).hasMessage("Invalid configuration property 'talend.service-account.base-url' "
						+ "(value 'http://2130706433'): Plain http is accepted only for a loopback host "
						+ "(localhost, 127.0.0.1, [::1]); use https, so that credentials and tokens are never sent "
						+ "in clear text"));
	}

	@Test
	void autoConfigurationWhenLoopbackIpv6BaseUrlThenAccepted() {
		this.contextRunner.withPropertyValues("talend.service-account.base-url=http://[::1]:8090")
			.run((context) -> assertThat(context.getBean(TalendServiceAccount.class).getApiBaseUrl())
				.hasToString("http://[::1]:8090"));
	}

	@Test
	void autoConfigurationWhenTokenUriHasQueryThenItIsKept() {
		this.contextRunner.withPropertyValues("talend.service-account.region=eu",
				"talend.service-account.token-uri=https://api.eu.cloud.talend.com/security/oauth/token?talendVersion=2")
			.run((context) -> assertThat(context.getBean(TalendServiceAccount.class)
				.getClientRegistration()
				.getProviderDetails()
				.getTokenUri()).isEqualTo("https://api.eu.cloud.talend.com/security/oauth/token?talendVersion=2"));
	}

	@Test
	void startupWhenTokenUriHasUserInfoThenFailsWithoutQuotingIt() {
		assertStartupFailure(
				this.contextRunner.withPropertyValues("talend.service-account.region=eu",
						"talend.service-account.token-uri=https://me:pa55word@login.example.com/oauth/token"),
				(ex) -> assertThat(ex).hasMessage("Invalid configuration property 'talend.service-account.token-uri' "
						+ "(value 'https://[redacted]@login.example.com/oauth/token'): "
						+ "Expected a URL without user info or fragment"));
	}

	@Test
	void startupWhenTokenUriHasFragmentThenFails() {
		assertStartupFailure(
				this.contextRunner.withPropertyValues("talend.service-account.region=eu",
						"talend.service-account.token-uri=https://login.example.com/oauth/token#part"),
				(ex) -> assertThat(ex).hasMessage("Invalid configuration property 'talend.service-account.token-uri' "
						+ "(value 'https://login.example.com/oauth/token#part'): "
						+ "Expected a URL without user info or fragment"));
	}

	@Test
	void startupWhenBaseUrlHasQueryThenFails() {
		assertStartupFailure(
				this.contextRunner.withPropertyValues(
						"talend.service-account.base-url=https://api.eu.cloud.talend.com?talendVersion=2"),
				(ex) -> assertThat(ex).hasMessage("Invalid configuration property 'talend.service-account.base-url' "
						+ "(value 'https://api.eu.cloud.talend.com?talendVersion=2'): "
						+ "Expected a URL without user info, query or fragment"));
	}

	@Test
	void startupWhenAudienceIsNotAnAbsoluteUrlThenFailsNamingTheExpectedShape() {
		for (String audience : new String[] { "api.eu.cloud.talend.com", "urn:talend:eu", "https://" }) {
			assertStartupFailure(
					this.contextRunner.withPropertyValues("talend.service-account.region=eu",
							"talend.service-account.audience=" + audience),
					(ex) -> assertThat(ex)
						.hasMessage("Invalid configuration property 'talend.service-account.audience' " + "(value '"
								+ audience + "'): Expected an absolute URL with a scheme and a host, such as "
								+ "https://api.eu.cloud.talend.com; leave it unset to use the API base URL"));
		}
	}

	@Test
	void autoConfigurationWhenAudienceHasAnotherSchemeThenSentWithoutTrailingSlash() {
		try (TalendCloudEmulator talend = TalendCloudEmulator.builder().account("my-id", "s3cr3t").build().start()) {
			this.contextRunner
				.withPropertyValues("talend.service-account.base-url=" + talend.baseUrl(),
						"talend.service-account.audience=api://talend-cloud/")
				.run((context) -> {
					TalendTokenCache cache = context.getBean(TalendServiceAccount.class).getTokenCache();
					assertThat(catchThrowable(cache::getToken)).isNotNull();
					assertThat(talend.tokenRequestLog()).singleElement()
						.satisfies((request) -> assertThat(request.bodyAsString())
							.isEqualTo("{\"audience\":\"api://talend-cloud\",\"grant_type\":\"client_credentials\"}"));
				});
		}
	}

	@Test
	void startupWhenRegionUnknownAndBaseUrlSetThenStillFails() {
		assertStartupFailure(
				this.contextRunner.withPropertyValues("talend.service-account.region=europe",
						"talend.service-account.base-url=https://api.eu.cloud.talend.com"),
				(ex) -> assertThat(ex)
					.hasMessage("Invalid configuration property 'talend.service-account.region' (value 'europe'): "
							+ "Accepted values are us, eu, ap, au, us-west; "
							+ "as talend.service-account.base-url is set, the region can also be left unset"));
	}

	@Test
	void startupWhenRetryInitialIntervalLongerThanMaxThenFailsNamingBoth() {
		assertStartupFailure(
				this.contextRunner.withPropertyValues("talend.service-account.region=eu",
						"talend.service-account.token.retry-initial-interval=2m",
						"talend.service-account.token.retry-max-interval=1m"),
				(ex) -> assertThat(ex)
					.hasMessage("Invalid configuration property 'talend.service-account.token.retry-initial-interval' "
							+ "(value 'PT2M'): Must not be longer than "
							+ "talend.service-account.token.retry-max-interval (PT1M)"));
	}

	@Test
	void autoConfigurationWhenRetryIntervalsEqualThenAccepted() {
		this.contextRunner
			.withPropertyValues("talend.service-account.region=eu",
					"talend.service-account.token.retry-initial-interval=30s",
					"talend.service-account.token.retry-max-interval=30s")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void failureAnalyzerWhenPropertyInvalidThenNamesPropertyInAction() {
		InvalidTalendPropertyException ex = new InvalidTalendPropertyException("talend.service-account.region",
				"europe", "Accepted values are us, eu, ap, au, us-west");
		var analysis = new InvalidTalendPropertyFailureAnalyzer().analyze(new RuntimeException(ex));
		assertThat(analysis.getDescription()).isEqualTo(ex.getMessage());
		assertThat(analysis.getAction()).isEqualTo("Update talend.service-account.region in your application's "
				+ "configuration: Accepted values are us, eu, ap, au, us-west");
	}

	private void assertStartupFailure(ApplicationContextRunner runner,
			Consumer<InvalidTalendPropertyException> assertion) {
		runner.run((context) -> {
			assertThat(context).hasFailed();
			Throwable failure = context.getStartupFailure();
			while (failure != null && !(failure instanceof InvalidTalendPropertyException)) {
				failure = failure.getCause();
			}
			assertThat(failure).isInstanceOf(InvalidTalendPropertyException.class);
			assertion.accept((InvalidTalendPropertyException) failure);
			assertThat(context.getStartupFailure()).rootCause().hasMessageNotContaining("s3cr3t");
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserAccountConfiguration {

		@Bean
		TalendServiceAccount mine() {
			ClientRegistration registration = ClientRegistration.withRegistrationId("talend")
				.clientId("id")
				.clientSecret("secret")
				.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
				.tokenUri("https://api.us.cloud.talend.com/security/oauth/token")
				.build();
			return new TalendServiceAccount("mine", URI.create("https://api.us.cloud.talend.com"), registration,
					new TalendTokenCache(() -> CompletableFuture.failedFuture(new IllegalStateException()),
							Clock.systemUTC()));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnClientsConfiguration {

		@Bean
		RestClient ownRestClient() {
			return RestClient.create();
		}

		@Bean
		WebClient ownWebClient() {
			return WebClient.create();
		}

		@Bean
		Consumer consumer(RestClient restClient, WebClient webClient) {
			return new Consumer(restClient, webClient);
		}

		record Consumer(RestClient restClient, WebClient webClient) {

		}

	}

}
