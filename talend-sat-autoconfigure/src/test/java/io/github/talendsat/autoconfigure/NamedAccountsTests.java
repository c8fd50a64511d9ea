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

import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.talendsat.account.TalendServiceAccount;
import io.github.talendsat.test.RecordedRequest;
import io.github.talendsat.test.TalendCloudEmulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for several service accounts: the default one and named ones under
 * {@code talend.service-account.accounts.<name>}.
 *
 * @author talend-sat
 */
class NamedAccountsTests {

	private TalendCloudEmulator talend;

	private ApplicationContextRunner contextRunner;

	@BeforeEach
	void startEmulator() {
		this.talend = TalendCloudEmulator.builder()
			.account("default-id", "default-secret")
			.account("billing-id", "billing-secret")
			.account("ops-id", "ops-secret")
			.build()
			.start();
		this.contextRunner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(TalendServiceAccountAutoConfiguration.class,
					TalendRestClientAutoConfiguration.class, TalendWebClientAutoConfiguration.class,
					RestClientAutoConfiguration.class, WebClientAutoConfiguration.class));
	}

	@AfterEach
	void stopEmulator() {
		this.talend.stop();
	}

	@Test
	void autoConfigurationWhenNamedAccountsThenEachGetsAccountAndClientsUnderPredictableNames() {
		this.contextRunner.withPropertyValues(defaultAccount())
			.withPropertyValues(namedAccount("billing", "billing-id", "billing-secret"))
			.withPropertyValues(namedAccount("ops-eu", "ops-id", "ops-secret"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBeansOfType(TalendServiceAccount.class)).hasSize(3);
				assertThat(context.getBeanProvider(TalendServiceAccount.class).getIfUnique())
					.as("the only default candidate")
					.satisfies((account) -> assertThat(account.getName()).isEqualTo("default"));
				TalendServiceAccount billing = context.getBean("talendBillingServiceAccount",
						TalendServiceAccount.class);
				assertThat(billing.getName()).isEqualTo("billing");
				assertThat(billing.getClientRegistration().getRegistrationId()).isEqualTo("talend-billing");
				assertThat(context.getBean("talendOpsEuServiceAccount", TalendServiceAccount.class)
					.getClientRegistration()
					.getRegistrationId()).isEqualTo("talend-ops-eu");
				assertThat(context).getBean("talendBillingRestClient").isInstanceOf(RestClient.class);
				assertThat(context).getBean("talendBillingWebClient").isInstanceOf(WebClient.class);
				assertThat(context).getBean("talendOpsEuRestClient").isInstanceOf(RestClient.class);
				assertThat(context).hasBean("talendRestClient").hasBean("talendWebClient");
			});
	}

	@Test
	void managerWhenSeveralAccountsThenEachRegistrationIdGetsItsOwnAccountsToken() {
		this.contextRunner.withPropertyValues(defaultAccount())
			.withPropertyValues(namedAccount("billing", "billing-id", "billing-secret"))
			.run((context) -> {
				OAuth2AuthorizedClientManager manager = context.getBean(OAuth2AuthorizedClientManager.class);
				String defaultToken = manager
					.authorize(OAuth2AuthorizeRequest.withClientRegistrationId("talend").principal("job").build())
					.getAccessToken()
					.getTokenValue();
				String billingToken = manager
					.authorize(
							OAuth2AuthorizeRequest.withClientRegistrationId("talend-billing").principal("job").build())
					.getAccessToken()
					.getTokenValue();
				assertThat(subject(defaultToken)).isEqualTo("default-id");
				assertThat(subject(billingToken)).isEqualTo("billing-id");
			});
	}

	@Test
	void callsWhenTwoAccountsInterleavedFromManyThreadsThenEachCallCarriesItsOwnAccountsToken() {
		this.contextRunner.withPropertyValues(defaultAccount())
			.withPropertyValues(namedAccount("billing", "billing-id", "billing-secret"))
			.run((context) -> {
				RestClient defaultClient = context.getBean("talendRestClient", RestClient.class);
				RestClient billingClient = context.getBean("talendBillingRestClient", RestClient.class);
				ExecutorService executor = Executors.newFixedThreadPool(16);
				try {
					List<Future<?>> calls = new ArrayList<>();
					for (int i = 0; i < 200; i++) {
						boolean billing = i % 2 == 1;
						RestClient client = billing ? billingClient : defaultClient;
						String caller = billing ? "billing-id" : "default-id";
						calls.add(executor.submit(() -> client.get()
							.uri("/account/users?caller={caller}", caller)
							.retrieve()
							.toBodilessEntity()));
					}
					for (Future<?> call : calls) {
						call.get(30, TimeUnit.SECONDS);
					}
				}
				finally {
					executor.shutdownNow();
				}
				List<RecordedRequest> requests = this.talend.apiRequestLog();
				assertThat(requests).hasSize(200).allSatisfy((request) -> {
					String caller = request.query().replace("caller=", "");
					String token = request.header("Authorization").substring("Bearer ".length());
					assertThat(subject(token)).isEqualTo(caller);
				});
				assertThat(this.talend.tokenRequests()).isEqualTo(2);
			});
	}

	@Test
	void autoConfigurationWhenOnlyNamedAccountsThenNoDefaultAccountOrClients() {
		this.contextRunner.withPropertyValues(namedAccount("billing", "billing-id", "billing-secret"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean("talendServiceAccount");
				assertThat(context).doesNotHaveBean("talendRestClient");
				assertThat(context).doesNotHaveBean("talendWebClient");
				assertThat(context).hasBean("talendBillingRestClient");
				assertThat(context).hasBean("talendAuthorizedClientManager");
			});
	}

	@Test
	void autoConfigurationWhenUserDefinesBeanWithNamedAccountsClientNameThenTheirsIsKept() {
		RestClient mine = RestClient.create();
		this.contextRunner.withPropertyValues(namedAccount("billing", "billing-id", "billing-secret"))
			.withBean("talendBillingRestClient", RestClient.class, () -> mine)
			.run((context) -> assertThat(context.getBean("talendBillingRestClient")).isSameAs(mine));
	}

	@Test
	void startupWhenNamedAccountPropertyInvalidThenMessageNamesItsFullKey() {
		this.contextRunner
			.withPropertyValues("talend.service-account.accounts.billing.client-id=billing-id",
					"talend.service-account.accounts.billing.client-secret=billing-secret",
					"talend.service-account.accounts.billing.region=europe")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(InvalidTalendPropertyException.class)
					.hasMessage("Invalid configuration property 'talend.service-account.accounts.billing.region' "
							+ "(value 'europe'): Accepted values are us, eu, ap, au, us-west; for another environment "
							+ "set talend.service-account.accounts.billing.base-url instead");
			});
	}

	@Test
	void startupWhenAccountNameInvalidThenFailsNamingIt() {
		this.contextRunner.withPropertyValues(defaultAccount())
			.withPropertyValues("talend.service-account.accounts.Billing_EU.client-id=billing-id")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).isInstanceOf(InvalidTalendPropertyException.class)
					.hasMessage("Invalid configuration property 'talend.service-account.accounts.Billing_EU': "
							+ "Account names are lower-case letters, digits and hyphens, starting with a letter");
			});
	}

	@Test
	void startupWhenNamedAccountLacksSecretThenMessageSaysHowToDropTheAccount() {
		this.contextRunner.withPropertyValues(defaultAccount())
			.withPropertyValues("talend.service-account.accounts.billing.client-id=billing-id",
					"talend.service-account.accounts.billing.region=us")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessage("Invalid configuration property 'talend.service-account.accounts.billing.client-secret': "
						+ "Must be set to the service account's client secret "
						+ "(or remove the talend.service-account.accounts.billing entry)"));
	}

	@Test
	void startupWhenDefaultAccountHalfSetBesideNamedAccountsThenMessageSaysHowToUseOnlyNamedOnes() {
		this.contextRunner.withPropertyValues("talend.service-account.region=eu")
			.withPropertyValues(namedAccount("billing", "billing-id", "billing-secret"))
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessage("Invalid configuration property 'talend.service-account.client-id': "
						+ "Must be set to the service account's client id (or, to use only the named accounts, "
						+ "leave talend.service-account.client-id, client-secret, region and base-url unset)"));
	}

	@Test
	void startupWhenTwoAccountNamesGiveSameBeanNamesThenFailsNamingBoth() {
		this.contextRunner.withPropertyValues(defaultAccount())
			.withPropertyValues("talend.service-account.accounts.a-b.client-id=single-id",
					"talend.service-account.accounts.a--b.client-id=double-id")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).isInstanceOf(InvalidTalendPropertyException.class)
					.hasMessage("Invalid configuration property 'talend.service-account.accounts.a-b': "
							+ "Account names 'a--b' and 'a-b' give the same bean names (talendAB...): "
							+ "rename one of them");
			});
	}

	@Test
	void startupWhenNamedAccountCalledDefaultThenFailsSayingTheNameIsTaken() {
		this.contextRunner.withPropertyValues(defaultAccount())
			.withPropertyValues("talend.service-account.accounts.default.client-id=other-id")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).isInstanceOf(InvalidTalendPropertyException.class)
					.hasMessage("Invalid configuration property 'talend.service-account.accounts.default': "
							+ "'default' names the account configured directly under talend.service-account: "
							+ "choose another name");
			});
	}

	@Test
	void clientsWhenApplicationSharesOneBuilderOfEachKindThenItsBuildersAndEachAccountsClientsStayApart() {
		this.contextRunner.withUserConfiguration(SharedBuilders.class)
			.withPropertyValues(defaultAccount())
			.withPropertyValues(namedAccount("billing", "billing-id", "billing-secret"))
			.run((context) -> {
				RestClient talend = context.getBean("talendRestClient", RestClient.class);
				context.getBean("talendBillingRestClient", RestClient.class);
				context.getBean("talendWebClient", WebClient.class);
				context.getBean("talendBillingWebClient", WebClient.class);
				List<Object> interceptors = new ArrayList<>();
				context.getBean(RestClient.Builder.class).requestInterceptors(interceptors::addAll);
				List<Object> filters = new ArrayList<>();
				context.getBean(WebClient.Builder.class).filters(filters::addAll);
				assertThat(interceptors).isEmpty();
				assertThat(filters).isEmpty();
				talend.get().uri("/orchestration/workspaces").retrieve().toBodilessEntity();
				this.talend.rejectNextApiCalls(2);
				assertThatExceptionOfType(HttpClientErrorException.Unauthorized.class)
					.isThrownBy(() -> talend.get().uri("/orchestration/workspaces").retrieve().toBodilessEntity());
				assertThat(this.talend.tokenRequests()).as("the default account's first token and its renewal")
					.isEqualTo(2);
				assertThat(this.talend.apiRequestLog()).hasSize(3)
					.allSatisfy((call) -> assertThat(subject(call.header("Authorization").substring(7)))
						.isEqualTo("default-id"));
			});
	}

	private String[] defaultAccount() {
		return new String[] { "talend.service-account.client-id=default-id",
				"talend.service-account.client-secret=default-secret",
				"talend.service-account.base-url=" + this.talend.baseUrl() };
	}

	private String[] namedAccount(String name, String clientId, String secret) {
		String prefix = "talend.service-account.accounts." + name + ".";
		return new String[] { prefix + "client-id=" + clientId, prefix + "client-secret=" + secret,
				prefix + "base-url=" + this.talend.baseUrl() };
	}

	private static String subject(String token) {
		try {
			return SignedJWT.parse(token).getJWTClaimsSet().getSubject();
		}
		catch (ParseException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class SharedBuilders {

		@Bean
		RestClient.Builder restClientBuilder() {
			return RestClient.builder();
		}

		@Bean
		WebClient.Builder webClientBuilder() {
			return WebClient.builder();
		}

	}

}
