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
package io.github.talendsat.client;

import java.net.URI;
import java.text.ParseException;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.service.HttpServiceClientPropertiesAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.service.HttpServiceClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.support.RestClientHttpServiceGroupConfigurer;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.registry.HttpServiceProxyRegistry;
import org.springframework.web.service.registry.ImportHttpServices;

import io.github.talendsat.autoconfigure.TalendHttpServiceAutoConfiguration;
import io.github.talendsat.autoconfigure.TalendServiceAccountAutoConfiguration;
import io.github.talendsat.client.TalendTasks.Execution;
import io.github.talendsat.client.TalendTasks.Run;
import io.github.talendsat.test.RecordedRequest;
import io.github.talendsat.test.TalendCloudEmulator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * End-to-end tests of {@code @HttpExchange} interfaces imported into the HTTP service
 * groups of service accounts, against the Talend Cloud emulator.
 *
 * @author talend-sat
 */
class TalendHttpServiceClientTests {

	private static final String DEFAULT_ENVIRONMENT = "environment.name==default";

	private TalendCloudEmulator talend;

	private WireMockServer elsewhere;

	private ApplicationContextRunner contextRunner;

	@BeforeEach
	void startServers() {
		this.talend = TalendCloudEmulator.builder()
			.account("sat-id", "sat-secret")
			.account("billing-id", "billing-secret")
			.build()
			.start();
		this.elsewhere = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
		this.elsewhere.start();
		this.elsewhere.stubFor(any(anyUrl())
			.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("[]")));
		this.contextRunner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(TalendServiceAccountAutoConfiguration.class,
					TalendHttpServiceAutoConfiguration.class, HttpServiceClientPropertiesAutoConfiguration.class,
					HttpServiceClientAutoConfiguration.class, RestClientAutoConfiguration.class))
			.withUserConfiguration(TalendGroupConfiguration.class)
			.withPropertyValues("talend.service-account.client-id=sat-id",
					"talend.service-account.client-secret=sat-secret",
					"talend.service-account.base-url=" + this.talend.baseUrl());
	}

	@AfterEach
	void stopServers() {
		this.elsewhere.stop();
		this.talend.stop();
	}

	@Test
	void callWhenInterfaceImportedIntoTalendGroupThenSentToAccountApiWithToken() {
		this.contextRunner.run((context) -> {
			TalendTasks tasks = context.getBean(TalendTasks.class);
			assertThat(tasks.listWorkspaces(DEFAULT_ENVIRONMENT)).isNotEmpty()
				.extracting(TalendTasks.Workspace::id)
				.isSubsetOf(this.talend.workspaceIds());
			String executionId = tasks.runTask(new Run(taskId(), "WARN")).executionId();
			Execution execution = tasks.execution(executionId);
			assertThat(execution.executionId()).isEqualTo(executionId);
			assertThat(this.talend.tokenRequests()).isEqualTo(1);
			String authorization = "Bearer " + this.talend.tokensSeen().iterator().next();
			List<RecordedRequest> calls = this.talend.apiRequestLog();
			assertThat(calls).hasSize(3).allSatisfy((call) -> {
				assertThat(call.header("Authorization")).isEqualTo(authorization);
				assertThat(call.header("Accept")).isEqualTo("application/json");
			});
			assertThat(calls.get(0).method()).isEqualTo("GET");
			assertThat(calls.get(0).uri()).isEqualTo("/orchestration/workspaces?query=environment.name%3D%3Ddefault");
			assertThat(calls.get(1).method()).isEqualTo("POST");
			assertThat(calls.get(1).uri()).isEqualTo("/processing/executions");
			assertThat(calls.get(1).header("Content-Type")).isEqualTo("application/json");
			assertThat(calls.get(1).bodyAsString())
				.isEqualTo("{\"executable\":\"" + taskId() + "\",\"logLevel\":\"WARN\"}");
			assertThat(calls.get(2).method()).isEqualTo("GET");
			assertThat(calls.get(2).uri()).isEqualTo("/processing/executions/" + executionId);
		});
	}

	@Test
	void postWhenApiRejectsCachedTokenThenProxyRenewsAndRetriesOnceWithBody() {
		this.contextRunner.run((context) -> {
			TalendTasks tasks = context.getBean(TalendTasks.class);
			tasks.listWorkspaces(DEFAULT_ENVIRONMENT);
			this.talend.revokeIssuedTokens();
			assertThat(tasks.runTask(new Run(taskId(), "WARN")).executionId()).isNotBlank();
			assertThat(this.talend.tokenRequests()).isEqualTo(2);
			assertThat(this.talend.rejectedApiCalls()).isEqualTo(1);
			List<RecordedRequest> calls = this.talend.apiRequestLog();
			assertThat(calls).hasSize(3);
			assertThat(calls.get(2).bodyAsString()).isEqualTo(calls.get(1).bodyAsString()).contains(taskId());
			assertThat(calls.get(2).header("Authorization")).isNotEqualTo(calls.get(1).header("Authorization"));
		});
	}

	@Test
	void callWhenApiRejectsTwiceThenProxyThrowsUnauthorizedAfterOneRetry() {
		this.contextRunner.run((context) -> {
			TalendTasks tasks = context.getBean(TalendTasks.class);
			tasks.listWorkspaces(DEFAULT_ENVIRONMENT);
			this.talend.rejectNextApiCalls(2);
			assertThatExceptionOfType(HttpClientErrorException.Unauthorized.class)
				.isThrownBy(() -> tasks.listWorkspaces(DEFAULT_ENVIRONMENT));
			assertThat(this.talend.apiCalls()).isEqualTo(3);
			assertThat(this.talend.tokenRequests()).isEqualTo(2);
		});
	}

	@Test
	void callWhenUrlArgumentPointsAtAnotherHostThenNoAuthorizationHeaderSent() {
		this.contextRunner.run((context) -> {
			TalendTasks tasks = context.getBean(TalendTasks.class);
			tasks.listWorkspaces(DEFAULT_ENVIRONMENT);
			assertThat(tasks.fetch(URI.create(this.elsewhere.baseUrl() + "/elsewhere"))).isEqualTo("[]");
		});
		assertThat(this.elsewhere.findAll(anyRequestedFor(anyUrl()))).singleElement()
			.satisfies((request) -> assertThat(request.containsHeader("Authorization")).isFalse());
	}

	@Test
	void callWhenApplicationConfigurerChangesBaseUrlThenItWinsAndTokenIsNotSentThere() {
		this.contextRunner.withUserConfiguration(BaseUrlConfigurerConfiguration.class)
			.withPropertyValues("elsewhere.base-url=" + this.elsewhere.baseUrl())
			.run((context) -> assertThat(context.getBean(TalendTasks.class).listWorkspaces(DEFAULT_ENVIRONMENT))
				.isEmpty());
		assertThat(this.elsewhere.findAll(anyRequestedFor(anyUrl()))).singleElement().satisfies((request) -> {
			assertThat(request.getUrl()).startsWith("/orchestration/workspaces");
			assertThat(request.containsHeader("Authorization")).isFalse();
		});
		assertThat(this.talend.apiCalls()).isZero();
		assertThat(this.talend.tokenRequests()).isZero();
	}

	@Test
	void callWhenBootPropertiesSetForTalendGroupThenTheyApplyAlongsideToken() {
		this.contextRunner.withUserConfiguration(OrchestrationGroupConfiguration.class)
			.withPropertyValues("spring.http.serviceclient.talend.base-url=" + this.talend.baseUrl() + "/orchestration",
					"spring.http.serviceclient.talend.default-header.talend-version=2.0")
			.run((context) -> assertThat(context.getBean(Orchestration.class).workspaces(DEFAULT_ENVIRONMENT))
				.contains("default"));
		assertThat(this.talend.apiRequestLog()).singleElement().satisfies((call) -> {
			assertThat(call.path()).isEqualTo("/orchestration/workspaces");
			assertThat(call.header("talend-version")).isEqualTo("2.0");
			assertThat(call.header("Authorization")).startsWith("Bearer ");
		});
	}

	@Test
	void callWhenGroupNotNamedAfterAccountThenNoTokenSent() {
		this.contextRunner.withUserConfiguration(OtherGroupConfiguration.class)
			.withPropertyValues("spring.http.serviceclient.other.base-url=" + this.talend.baseUrl() + "/orchestration")
			.run((context) -> assertThatExceptionOfType(HttpClientErrorException.Unauthorized.class)
				.isThrownBy(() -> context.getBean(Orchestration.class).workspaces(DEFAULT_ENVIRONMENT)));
		assertThat(this.talend.apiRequestLog()).singleElement()
			.satisfies((call) -> assertThat(call.header("Authorization")).isNull());
		assertThat(this.talend.tokenRequests()).isZero();
	}

	@Test
	void callWhenSameInterfaceInDefaultAndNamedAccountGroupsThenEachCarriesItsAccountsToken() {
		this.contextRunner.withUserConfiguration(BillingGroupConfiguration.class)
			.withPropertyValues("talend.service-account.accounts.billing.client-id=billing-id",
					"talend.service-account.accounts.billing.client-secret=billing-secret",
					"talend.service-account.accounts.billing.base-url=" + this.talend.baseUrl())
			.run((context) -> {
				HttpServiceProxyRegistry registry = context.getBean(HttpServiceProxyRegistry.class);
				registry.getClient("talend-billing", TalendTasks.class).listWorkspaces(DEFAULT_ENVIRONMENT);
				registry.getClient("talend", TalendTasks.class).listWorkspaces(DEFAULT_ENVIRONMENT);
			});
		assertThat(this.talend.apiRequestLog()).extracting(TalendHttpServiceClientTests::subject)
			.containsExactly("billing-id", "sat-id");
	}

	private String taskId() {
		return this.talend.taskIds().get(0);
	}

	private static String subject(RecordedRequest call) {
		try {
			return SignedJWT.parse(call.header("Authorization").substring("Bearer ".length()))
				.getJWTClaimsSet()
				.getSubject();
		}
		catch (ParseException ex) {
			throw new IllegalStateException(ex);
		}
	}

	interface Orchestration {

		@GetExchange("/workspaces")
		String workspaces(@RequestParam String query);

	}

	@Configuration(proxyBeanMethods = false)
	@ImportHttpServices(group = "talend", types = TalendTasks.class)
	static class TalendGroupConfiguration {

	}

	@Configuration(proxyBeanMethods = false)
	@ImportHttpServices(group = "talend-billing", types = TalendTasks.class)
	static class BillingGroupConfiguration {

	}

	@Configuration(proxyBeanMethods = false)
	@ImportHttpServices(group = "talend", types = Orchestration.class)
	static class OrchestrationGroupConfiguration {

	}

	@Configuration(proxyBeanMethods = false)
	@ImportHttpServices(group = "other", types = Orchestration.class)
	static class OtherGroupConfiguration {

	}

	@Configuration(proxyBeanMethods = false)
	static class BaseUrlConfigurerConfiguration {

		@Bean
		RestClientHttpServiceGroupConfigurer elsewhereConfigurer(Environment environment) {
			return (groups) -> groups.filterByName("talend")
				.forEachClient((group, builder) -> builder.baseUrl(environment.getProperty("elsewhere.base-url")));
		}

	}

}
