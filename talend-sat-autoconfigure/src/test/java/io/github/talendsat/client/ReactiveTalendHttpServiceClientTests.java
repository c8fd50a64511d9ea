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
import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockHound;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.service.HttpServiceClientPropertiesAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.boot.webclient.autoconfigure.service.ReactiveHttpServiceClientAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.service.registry.HttpServiceGroup.ClientType;
import org.springframework.web.service.registry.ImportHttpServices;

import io.github.talendsat.autoconfigure.TalendHttpServiceAutoConfiguration;
import io.github.talendsat.autoconfigure.TalendServiceAccountAutoConfiguration;
import io.github.talendsat.client.TalendTasks.Run;
import io.github.talendsat.client.TalendTasks.Workspace;
import io.github.talendsat.test.RecordedRequest;
import io.github.talendsat.test.TalendCloudEmulator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end tests of reactive {@code @HttpExchange} interfaces imported into the
 * {@code WebClient} group of a service account, against the Talend Cloud emulator, with
 * BlockHound watching every non-blocking thread.
 *
 * @author talend-sat
 */
class ReactiveTalendHttpServiceClientTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final String DEFAULT_ENVIRONMENT = "environment.name==default";

	private TalendCloudEmulator talend;

	private ApplicationContextRunner contextRunner;

	@BeforeAll
	static void installBlockHound() {
		BlockHound.install();
	}

	@BeforeEach
	void startEmulator() {
		this.talend = TalendCloudEmulator.builder().account("sat-id", "sat-secret").build().start();
		this.contextRunner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(TalendServiceAccountAutoConfiguration.class,
					TalendHttpServiceAutoConfiguration.class, HttpServiceClientPropertiesAutoConfiguration.class,
					ReactiveHttpServiceClientAutoConfiguration.class, WebClientAutoConfiguration.class))
			.withUserConfiguration(ReactiveTalendGroupConfiguration.class)
			.withPropertyValues("talend.service-account.client-id=sat-id",
					"talend.service-account.client-secret=sat-secret",
					"talend.service-account.base-url=" + this.talend.baseUrl());
	}

	@AfterEach
	void stopEmulator() {
		this.talend.stop();
	}

	@Test
	void callWhenCacheEmptyOnNonBlockingThreadThenNothingBlocksAndTokenSentToAccountApi() {
		this.contextRunner.run((context) -> {
			ReactiveTalendTasks tasks = context.getBean(ReactiveTalendTasks.class);
			List<Workspace> workspaces = tasks.listWorkspaces(DEFAULT_ENVIRONMENT)
				.subscribeOn(Schedulers.parallel())
				.block(TIMEOUT);
			assertThat(workspaces).isNotEmpty().extracting(Workspace::id).isSubsetOf(this.talend.workspaceIds());
			String executionId = tasks.runTask(new Run(taskId(), "WARN"))
				.flatMap((started) -> tasks.execution(started.executionId()))
				.subscribeOn(Schedulers.parallel())
				.block(TIMEOUT)
				.executionId();
			assertThat(this.talend.tokenRequests()).isEqualTo(1);
			String authorization = "Bearer " + this.talend.tokensSeen().iterator().next();
			List<RecordedRequest> calls = this.talend.apiRequestLog();
			assertThat(calls).hasSize(3)
				.allSatisfy((call) -> assertThat(call.header("Authorization")).isEqualTo(authorization));
			assertThat(calls.get(0).uri()).isEqualTo("/orchestration/workspaces?query=environment.name%3D%3Ddefault");
			assertThat(calls.get(1).method()).isEqualTo("POST");
			assertThat(calls.get(1).bodyAsString())
				.isEqualTo("{\"executable\":\"" + taskId() + "\",\"logLevel\":\"WARN\"}");
			assertThat(calls.get(2).uri()).isEqualTo("/processing/executions/" + executionId);
		});
	}

	@Test
	void postWhenApiRejectsCachedTokenThenProxyRenewsAndRetriesOnceWithBody() {
		this.contextRunner.run((context) -> {
			ReactiveTalendTasks tasks = context.getBean(ReactiveTalendTasks.class);
			tasks.listWorkspaces(DEFAULT_ENVIRONMENT).block(TIMEOUT);
			this.talend.revokeIssuedTokens();
			String executionId = tasks.runTask(new Run(taskId(), "WARN"))
				.subscribeOn(Schedulers.parallel())
				.block(TIMEOUT)
				.executionId();
			assertThat(executionId).isNotBlank();
			assertThat(this.talend.tokenRequests()).isEqualTo(2);
			assertThat(this.talend.rejectedApiCalls()).isEqualTo(1);
			List<RecordedRequest> calls = this.talend.apiRequestLog();
			assertThat(calls).hasSize(3);
			assertThat(calls.get(2).bodyAsString()).isEqualTo(calls.get(1).bodyAsString()).contains(taskId());
		});
	}

	@Test
	void callWhenUrlArgumentPointsAtAnotherHostThenNoAuthorizationHeaderSent() {
		WireMockServer other = new WireMockServer(
				WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
		other.start();
		try {
			other.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("ok")));
			this.contextRunner.run((context) -> {
				ReactiveTalendTasks tasks = context.getBean(ReactiveTalendTasks.class);
				tasks.listWorkspaces(DEFAULT_ENVIRONMENT).block(TIMEOUT);
				assertThat(tasks.fetch(URI.create(other.baseUrl() + "/elsewhere")).block(TIMEOUT)).isEqualTo("ok");
			});
			assertThat(other.findAll(anyRequestedFor(anyUrl()))).singleElement()
				.satisfies((request) -> assertThat(request.containsHeader("Authorization")).isFalse());
		}
		finally {
			other.stop();
		}
	}

	private String taskId() {
		return this.talend.taskIds().get(0);
	}

	@Configuration(proxyBeanMethods = false)
	@ImportHttpServices(group = "talend", types = ReactiveTalendTasks.class, clientType = ClientType.WEB_CLIENT)
	static class ReactiveTalendGroupConfiguration {

	}

}
