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

import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.web.client.RestClient;

import io.github.talendsat.account.TalendServiceAccount;
import io.github.talendsat.observability.TalendTokenMeterBinder;
import io.github.talendsat.test.TalendCloudEmulator;
import io.github.talendsat.test.TalendCloudEmulator.Account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Tests for {@link TalendMetricsAutoConfiguration}, and for the token request timer that
 * Spring Boot's observation and metrics auto-configurations derive from the token request
 * observation, against the Talend Cloud emulator.
 *
 * @author talend-sat
 */
class TalendMetricsAutoConfigurationTests {

	private TalendCloudEmulator talend;

	private ApplicationContextRunner contextRunner;

	@BeforeEach
	void startEmulator() {
		this.talend = TalendCloudEmulator.builder()
			.account("default-id", "default-secret")
			.account("ok-id", "ok-secret")
			.account(Account.of("denied-id", "denied-secret").withManageServiceAccount(false))
			.build()
			.start();
		this.contextRunner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class, MetricsAutoConfiguration.class,
					SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
					TalendServiceAccountAutoConfiguration.class, TalendRestClientAutoConfiguration.class,
					RestClientAutoConfiguration.class, TalendMetricsAutoConfiguration.class));
	}

	@AfterEach
	void stopEmulator() {
		this.talend.stop();
	}

	@Test
	void autoConfigurationWhenMeterRegistryPresentThenBindsMetersOfDefaultAndNamedAccounts() {
		this.contextRunner.withPropertyValues(account(null, "default-id", "default-secret"))
			.withPropertyValues(account("billing", "ok-id", "ok-secret"))
			.run((context) -> {
				assertThat(context).hasSingleBean(TalendTokenMeterBinder.class);
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				for (String account : List.of("default", "billing")) {
					assertThat(registry.get("talend.token.remaining").tag("talend.account", account).gauge().value())
						.isZero();
					assertThat(registry.get("talend.token.renewals")
						.tags("talend.account", account, "trigger", "ahead")
						.functionCounter()
						.count()).isZero();
					assertThat(registry.get("talend.token.renewals")
						.tags("talend.account", account, "trigger", "rejected")
						.functionCounter()
						.count()).isZero();
				}
				assertThat(this.talend.tokenRequests()).isZero();
			});
	}

	@Test
	void autoConfigurationWhenOnlyNamedAccountsThenBindsTheirMeters() {
		this.contextRunner.withPropertyValues(account("billing", "ok-id", "ok-secret")).run((context) -> {
			assertThat(context).doesNotHaveBean("talendServiceAccount");
			assertThat(context.getBean(MeterRegistry.class)
				.get("talend.token.remaining")
				.tag("talend.account", "billing")
				.gauge()).isNotNull();
		});
	}

	@Test
	void autoConfigurationWhenUserDefinesBinderThenBacksOff() {
		TalendTokenMeterBinder own = new TalendTokenMeterBinder(List.of());
		this.contextRunner.withPropertyValues(account(null, "default-id", "default-secret"))
			.withBean("myBinder", TalendTokenMeterBinder.class, () -> own)
			.run((context) -> {
				assertThat(context).hasSingleBean(TalendTokenMeterBinder.class);
				assertThat(context.getBean(TalendTokenMeterBinder.class)).isSameAs(own);
				assertThat(context.getBean(MeterRegistry.class).find("talend.token.remaining").meters()).isEmpty();
			});
	}

	@Test
	void autoConfigurationWhenMicrometerPresentWithoutBootMetricsThenProvidesBinder() {
		minimalContextRunner().withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
			.run((context) -> assertThat(context).hasSingleBean(TalendTokenMeterBinder.class));
	}

	@Test
	void autoConfigurationWhenMicrometerMissingThenNoBinder() {
		minimalContextRunner().withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
			.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasSingleBean(TalendServiceAccount.class);
				assertThat(context).doesNotHaveBean(TalendTokenMeterBinder.class);
			});
	}

	@Test
	void autoConfigurationWhenNoMeterRegistryThenNoBinder() {
		minimalContextRunner().run((context) -> {
			assertThat(context).hasSingleBean(TalendServiceAccount.class);
			assertThat(context).doesNotHaveBean(TalendTokenMeterBinder.class);
		});
	}

	@Test
	void autoConfigurationWhenNoAccountThenNoBinder() {
		this.contextRunner.withPropertyValues("talend.service-account.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(TalendTokenMeterBinder.class));
	}

	@Test
	void metersWhenApiCallsMadeThenMatchTheEmulatorCounters() {
		this.contextRunner.withPropertyValues(account(null, "default-id", "default-secret")).run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			RestClient client = context.getBean("talendRestClient", RestClient.class);
			client.get().uri("/orchestration/workspaces").retrieve().body(String.class);
			assertThat(registry.get("talend.token.remaining").tag("talend.account", "default").gauge().value())
				.isBetween(1700.0, 1800.0);
			this.talend.revokeIssuedTokens();
			client.get().uri("/orchestration/workspaces").retrieve().body(String.class);
			assertThat(this.talend.rejectedApiCalls()).isEqualTo(1);
			assertThat(this.talend.tokenRequests()).isEqualTo(2);
			assertThat(registry.get("talend.token.renewals")
				.tags("talend.account", "default", "trigger", "rejected")
				.functionCounter()
				.count()).isEqualTo(1.0);
			assertThat(registry.get("talend.token.renewals")
				.tags("talend.account", "default", "trigger", "ahead")
				.functionCounter()
				.count()).isZero();
			Timer requests = registry.get("talend.token.request")
				.tags("talend.account", "default", "outcome", "success", "error", "none")
				.timer();
			assertThat(requests.count()).isEqualTo(this.talend.tokensIssued()).isEqualTo(2);
		});
	}

	@Test
	void tokenRequestTimerWhenRequestsEndDifferentlyThenCountsEachOutcome() {
		this.contextRunner.withPropertyValues(account("ok", "ok-id", "ok-secret"))
			.withPropertyValues(account("rejected", "ok-id", "a-wrong-secret"))
			.withPropertyValues(account("denied", "denied-id", "denied-secret"))
			.withPropertyValues(account("flaky", "ok-id", "ok-secret"))
			.withPropertyValues(account("slow", "ok-id", "ok-secret"))
			.withPropertyValues("talend.service-account.accounts.slow.token.read-timeout=300ms")
			.run((context) -> {
				requestToken(context, "talendOkServiceAccount");
				requestToken(context, "talendRejectedServiceAccount");
				requestToken(context, "talendDeniedServiceAccount");
				this.talend.failTokenRequests(1, 503, "application/json", "{\"error\":\"unavailable\"}");
				requestToken(context, "talendFlakyServiceAccount");
				this.talend.tokenEndpointHangs(true);
				requestToken(context, "talendSlowServiceAccount");
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(outcome(registry, "ok", "success", "none")).isEqualTo(1);
				assertThat(outcome(registry, "rejected", "credentials_rejected", "TalendTokenException")).isEqualTo(1);
				assertThat(outcome(registry, "denied", "permission_denied", "TalendTokenException")).isEqualTo(1);
				assertThat(outcome(registry, "flaky", "server_error", "TalendTokenException")).isEqualTo(1);
				assertThat(outcome(registry, "slow", "timeout", "TalendTokenException")).isEqualTo(1);
				List<Timer> timers = List.copyOf(registry.get("talend.token.request").timers());
				assertThat(timers).hasSize(5);
				assertThat(timers.stream().mapToLong(Timer::count).sum()).isEqualTo(this.talend.tokenRequests())
					.isEqualTo(5);
				for (Timer timer : timers) {
					assertThat(timer.getId().getTags()).extracting(Tag::getKey)
						.containsExactlyInAnyOrder("talend.account", "outcome", "error");
				}
			});
	}

	@Test
	void metersWhenTokensObtainedThenNoTagHoldsATokenOrSecret() {
		this.contextRunner.withPropertyValues(account(null, "default-id", "default-secret"))
			.withPropertyValues(account("rejected", "ok-id", "a-wrong-secret"))
			.run((context) -> {
				context.getBean("talendRestClient", RestClient.class)
					.get()
					.uri("/account/users")
					.retrieve()
					.body(String.class);
				requestToken(context, "talendRejectedServiceAccount");
				OAuth2AccessToken token = context.getBean(TalendServiceAccount.class).getTokenCache().peek();
				assertThat(token).isNotNull();
				for (Meter meter : context.getBean(MeterRegistry.class).getMeters()) {
					for (Tag tag : meter.getId().getTags()) {
						assertThat(tag.getValue()).doesNotContain(token.getTokenValue())
							.doesNotContain("default-secret")
							.doesNotContain("a-wrong-secret")
							.doesNotContain("Basic");
					}
				}
			});
	}

	@Test
	void registryWhenBootWiresObservationsThenTokenRequestTimerUsesSimpleMeterRegistry() {
		this.contextRunner.withPropertyValues(account(null, "default-id", "default-secret")).run((context) -> {
			assertThat(context).getBean(MeterRegistry.class).isInstanceOf(SimpleMeterRegistry.class);
			context.getBean(TalendServiceAccount.class).getTokenCache().getToken();
			assertThat(context.getBean(MeterRegistry.class).get("talend.token.request").timer().count()).isOne();
		});
	}

	private ApplicationContextRunner minimalContextRunner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(TalendServiceAccountAutoConfiguration.class,
					TalendMetricsAutoConfiguration.class))
			.withPropertyValues(account(null, "default-id", "default-secret"));
	}

	private static void requestToken(AssertableApplicationContext context, String accountBean) {
		CompletableFuture<OAuth2AccessToken> token = context.getBean(accountBean, TalendServiceAccount.class)
			.getTokenCache()
			.getTokenAsync();
		catchThrowable(token::join);
	}

	private static long outcome(MeterRegistry registry, String account, String outcome, String error) {
		return registry.get("talend.token.request")
			.tags("talend.account", account, "outcome", outcome, "error", error)
			.timer()
			.count();
	}

	private String[] account(String name, String clientId, String clientSecret) {
		String prefix = (name != null) ? "talend.service-account.accounts." + name : "talend.service-account";
		return new String[] { prefix + ".client-id=" + clientId, prefix + ".client-secret=" + clientSecret,
				prefix + ".base-url=" + this.talend.baseUrl() };
	}

}
