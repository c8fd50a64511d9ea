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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.web.client.RestClient;

import io.github.talendsat.account.TalendServiceAccount;
import io.github.talendsat.autoconfigure.TalendRestClientAutoConfiguration;
import io.github.talendsat.autoconfigure.TalendServiceAccountAutoConfiguration;
import io.github.talendsat.cache.TalendTokenCache.Statistics;
import io.github.talendsat.test.TalendCloudEmulator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bounded soak: 16 threads call the API for five lifetimes of 3-second tokens while the
 * token endpoint fails now and then. No API call may fail, the token endpoint is asked
 * about once per lifetime plus the injected failures, and no thread outlives the
 * application.
 *
 * @author talend-sat
 */
class TokenLifecycleSoakTests {

	private static final int THREADS = 16;

	private static final Duration LIFETIME = Duration.ofSeconds(3);

	private static final Duration RUN = LIFETIME.multipliedBy(5);

	private static final long PACE_NANOS = TimeUnit.MILLISECONDS.toNanos(40);

	private TalendCloudEmulator talend;

	@BeforeEach
	void startEmulator() {
		this.talend = TalendCloudEmulator.builder()
			.account("soak-id", "soak-secret")
			.tokenLifetime(LIFETIME)
			.build()
			.start();
	}

	@AfterEach
	void stopEmulator() {
		this.talend.stop();
	}

	@Test
	void steadyLoadWhenTokenEndpointFailsNowAndThenThenNoCallFailsAndRenewalsStayBounded() throws Exception {
		AtomicInteger calls = new AtomicInteger();
		AtomicInteger failedCalls = new AtomicInteger();
		List<Throwable> failures = new ArrayList<>();
		long[] elapsedNanos = new long[1];
		Statistics[] statistics = new Statistics[1];
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(TalendServiceAccountAutoConfiguration.class,
					TalendRestClientAutoConfiguration.class, RestClientAutoConfiguration.class))
			.withPropertyValues("talend.service-account.client-id=soak-id",
					"talend.service-account.client-secret=soak-secret",
					"talend.service-account.base-url=" + this.talend.baseUrl(),
					"talend.service-account.token.retry-initial-interval=50ms",
					"talend.service-account.token.retry-max-interval=1s")
			.run((context) -> {
				RestClient client = context.getBean("talendRestClient", RestClient.class);
				TalendServiceAccount account = context.getBean(TalendServiceAccount.class);
				client.get().uri("/account/users").retrieve().toBodilessEntity();
				// The first renewal meets two failures in a row, a later one meets one
				// more.
				this.talend.failTokenRequests(2, 503, "text/html", "<html>Service Unavailable</html>");
				AtomicBoolean secondOutage = new AtomicBoolean();
				CountDownLatch start = new CountDownLatch(1);
				long begin = System.nanoTime();
				long deadline = begin + RUN.toNanos();
				List<Thread> threads = new ArrayList<>();
				for (int i = 0; i < THREADS; i++) {
					Thread thread = new Thread(() -> {
						awaitQuietly(start);
						while (System.nanoTime() < deadline) {
							if (account.getTokenCache().statistics().tokensObtained() >= 4
									&& secondOutage.compareAndSet(false, true)) {
								this.talend.failTokenRequests(1, 502, "text/html", "<html>Bad Gateway</html>");
							}
							try {
								client.get().uri("/account/users").retrieve().toBodilessEntity();
							}
							catch (RuntimeException ex) {
								failedCalls.incrementAndGet();
								synchronized (failures) {
									failures.add(ex);
								}
							}
							calls.incrementAndGet();
							LockSupport.parkNanos(PACE_NANOS);
						}
					}, "soak-" + i);
					threads.add(thread);
					thread.start();
				}
				start.countDown();
				for (Thread thread : threads) {
					thread.join(RUN.plusSeconds(30).toMillis());
					assertThat(thread.isAlive()).isFalse();
				}
				elapsedNanos[0] = System.nanoTime() - begin;
				statistics[0] = account.getTokenCache().statistics();
			});
		assertThat(failures).isEmpty();
		assertThat(failedCalls).hasValue(0);
		assertThat(calls.get()).isGreaterThan(2000);
		assertThat(this.talend.rejectedApiCalls()).isZero();
		Statistics counts = statistics[0];
		assertThat(counts.failedRequests()).isEqualTo(3);
		assertThat(this.talend.tokenRequests()).isEqualTo(counts.tokensObtained() + counts.failedRequests());
		// The emulator dates its JWTs in whole seconds, so a token lives 2 to 3 seconds
		// after it arrives, and it is renewed no earlier than 75 % of that (a twentieth
		// kept as margin, a sixth as renewal window, a fifth of that as jitter): the run
		// cannot need more than elapsed / 1.5 s tokens, plus the first one.
		double elapsedSeconds = elapsedNanos[0] / 1e9;
		assertThat(counts.tokensObtained()).isLessThanOrEqualTo((long) (elapsedSeconds / 1.5) + 1)
			.isGreaterThanOrEqualTo((long) (elapsedSeconds / LIFETIME.toSeconds()));
		assertThat(counts.invalidations()).isZero();
		awaitNoThreadNamed("talend-sat-token-");
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void awaitNoThreadNamed(String prefix) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
		while (liveThreadsNamed(prefix) > 0 && System.nanoTime() < deadline) {
			Thread.onSpinWait();
			Thread.yield();
		}
		assertThat(liveThreadsNamed(prefix)).as("threads named %s* after the context closed", prefix).isZero();
	}

	private static long liveThreadsNamed(String prefix) {
		return Thread.getAllStackTraces().keySet().stream().filter((t) -> t.getName().startsWith(prefix)).count();
	}

}
