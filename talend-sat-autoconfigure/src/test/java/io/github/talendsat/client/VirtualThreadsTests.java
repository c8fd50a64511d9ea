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

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jdk.jfr.consumer.RecordingStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.web.client.RestClient;

import io.github.talendsat.autoconfigure.TalendRestClientAutoConfiguration;
import io.github.talendsat.autoconfigure.TalendServiceAccountAutoConfiguration;
import io.github.talendsat.test.TalendCloudEmulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Callers on virtual threads: they share one token request and are never pinned to their
 * carrier while they wait for it. Runs on Java 21 and later (the build runs it on the
 * Java 25 JDK when one is installed) and is skipped on older runtimes.
 *
 * @author talend-sat
 */
class VirtualThreadsTests {

	private static final String PINNED_EVENT = "jdk.VirtualThreadPinned";

	private TalendCloudEmulator talend;

	private ApplicationContextRunner contextRunner;

	@BeforeEach
	void startEmulator() {
		assumeTrue(Runtime.version().feature() >= 21, "virtual threads need Java 21 or later");
		this.talend = TalendCloudEmulator.builder().account("vt-id", "vt-secret").build().start();
		this.contextRunner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(TalendServiceAccountAutoConfiguration.class,
					TalendRestClientAutoConfiguration.class, RestClientAutoConfiguration.class))
			.withPropertyValues("talend.service-account.client-id=vt-id",
					"talend.service-account.client-secret=vt-secret",
					"talend.service-account.base-url=" + this.talend.baseUrl());
	}

	@AfterEach
	void stopEmulator() {
		if (this.talend != null) {
			this.talend.stop();
		}
	}

	@Test
	void callsWhenTwoHundredVirtualThreadsOnEmptyCacheThenOneTokenRequestAndNoPinning() throws Exception {
		this.talend.tokenDelay(Duration.ofMillis(500));
		AtomicInteger pinned = new AtomicInteger();
		try (RecordingStream recording = new RecordingStream()) {
			recording.enable(PINNED_EVENT).withThreshold(Duration.ofMillis(20));
			recording.onEvent(PINNED_EVENT, (event) -> pinned.incrementAndGet());
			recording.startAsync();
			this.contextRunner.run((context) -> {
				RestClient client = context.getBean("talendRestClient", RestClient.class);
				List<String> bodies = onVirtualThreads(200,
						() -> client.get().uri("/account/users").retrieve().body(String.class));
				assertThat(bodies).hasSize(200).doesNotContainNull();
			});
			// RecordingStream.stop(), which delivers the events still buffered, is Java
			// 20+ API.
			RecordingStream.class.getMethod("stop").invoke(recording);
		}
		assertThat(this.talend.tokenRequests()).isOne();
		assertThat(pinned).as("virtual threads pinned for more than 20 ms").hasValue(0);
	}

	@Test
	void callsWhenHundredVirtualThreadsMeetRevokedTokenThenOneRenewal() {
		this.contextRunner.run((context) -> {
			RestClient client = context.getBean("talendRestClient", RestClient.class);
			client.get().uri("/account/users").retrieve().toBodilessEntity();
			this.talend.revokeIssuedTokens();
			List<String> bodies = onVirtualThreads(100,
					() -> client.get().uri("/account/users").retrieve().body(String.class));
			assertThat(bodies).hasSize(100).doesNotContainNull();
			assertThat(this.talend.tokenRequests()).isEqualTo(2);
		});
	}

	private static <T> List<T> onVirtualThreads(int callers, Callable<T> call) throws Exception {
		ExecutorService executor = (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor")
			.invoke(null);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<T>> futures = new ArrayList<>();
			for (int i = 0; i < callers; i++) {
				futures.add(executor.submit(() -> {
					start.await();
					return call.call();
				}));
			}
			start.countDown();
			List<T> results = new ArrayList<>();
			for (Future<T> future : futures) {
				results.add(future.get(30, TimeUnit.SECONDS));
			}
			return results;
		}
		finally {
			executor.shutdownNow();
		}
	}

}
