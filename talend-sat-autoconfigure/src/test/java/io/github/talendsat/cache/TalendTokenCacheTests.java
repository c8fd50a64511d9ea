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
package io.github.talendsat.cache;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AccessToken.TokenType;

import io.github.talendsat.cache.TalendTokenCache.Statistics;
import io.github.talendsat.token.TalendTokenException;
import io.github.talendsat.token.TalendTokenException.Reason;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tests for {@link TalendTokenCache}, driven by a {@link ScriptedTokenSource} whose
 * requests the tests complete by hand and by a {@link MutableClock} that moves only when
 * a test moves it.
 *
 * @author talend-sat
 */
class TalendTokenCacheTests {

	private static final Instant START = Instant.parse("2026-03-01T08:00:00Z");

	private static final Duration THIRTY_MINUTES = Duration.ofMinutes(30);

	private static final Duration WAIT_LIMIT = Duration.ofSeconds(10);

	private final MutableClock clock = new MutableClock(START);

	private final ScriptedTokenSource source = new ScriptedTokenSource();

	private final ManualRenewalScheduler scheduler = new ManualRenewalScheduler();

	private TalendTokenCache cache;

	@BeforeEach
	void createCache() {
		this.cache = new TalendTokenCache(this.source, this.clock);
		this.cache.setJitter(() -> 0.0);
		this.cache.setRenewalScheduler(this.scheduler);
	}

	@Test
	void getTokenAsyncWhenCacheEmptyThenStartsExactlyOneRequest() {
		CompletableFuture<OAuth2AccessToken> first = this.cache.getTokenAsync();
		CompletableFuture<OAuth2AccessToken> second = this.cache.getTokenAsync();
		assertThat(this.source.calls()).isOne();
		assertThat(first).isNotDone();
		assertThat(second).isNotDone();
		OAuth2AccessToken token = token("first", THIRTY_MINUTES);
		this.source.request(0).complete(token);
		assertThat(first).isCompletedWithValue(token);
		assertThat(second).isCompletedWithValue(token);
		assertThat(this.cache.getTokenAsync()).isCompletedWithValue(token);
		assertThat(this.cache.getToken()).isSameAs(token);
		assertThat(this.source.calls()).isOne();
	}

	@Test
	void getTokenWhenFiftyThreadsWaitOnEmptyCacheThenOneRequestServesThemAll() throws InterruptedException {
		CountDownLatch start = new CountDownLatch(1);
		AtomicInteger entered = new AtomicInteger();
		List<Thread> threads = new ArrayList<>();
		List<CompletableFuture<OAuth2AccessToken>> outcomes = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			CompletableFuture<OAuth2AccessToken> outcome = new CompletableFuture<>();
			Thread thread = new Thread(() -> {
				try {
					start.await();
					entered.incrementAndGet();
					outcome.complete(this.cache.getToken());
				}
				catch (Throwable ex) {
					outcome.completeExceptionally(ex);
				}
			}, "token-caller-" + i);
			thread.start();
			threads.add(thread);
			outcomes.add(outcome);
		}
		start.countDown();
		// Past the latch, a caller can only park inside getToken().
		awaitUntil(() -> entered.get() == threads.size() && threads.stream().allMatch(TalendTokenCacheTests::isParked));
		assertThat(this.source.calls()).isOne();
		assertThat(outcomes).noneMatch(CompletableFuture::isDone);
		OAuth2AccessToken token = token("shared", THIRTY_MINUTES);
		this.source.request(0).complete(token);
		assertThat(outcomes).allSatisfy((outcome) -> assertThat(outcome).succeedsWithin(WAIT_LIMIT).isSameAs(token));
		for (Thread thread : threads) {
			thread.join(WAIT_LIMIT.toMillis());
		}
		assertThat(this.source.calls()).isOne();
	}

	@Test
	void getTokenAsyncWhenHeldTokenEntersRenewalWindowThenRenewsInBackgroundAndServesOldTokenMeanwhile() {
		OAuth2AccessToken first = obtain("first", THIRTY_MINUTES);
		this.clock.set(START.plus(Duration.ofMinutes(23)));
		assertThat(this.cache.getTokenAsync()).isCompletedWithValue(first);
		assertThat(this.source.calls()).isOne();
		this.clock.set(START.plus(Duration.ofMinutes(24)).plusSeconds(30));
		assertThat(this.cache.getTokenAsync()).isCompletedWithValue(first);
		assertThat(this.source.calls()).isEqualTo(2);
		assertThat(this.cache.getTokenAsync()).isCompletedWithValue(first);
		assertThat(this.cache.getToken()).isSameAs(first);
		assertThat(this.cache.peek()).isSameAs(first);
		assertThat(this.source.calls()).isEqualTo(2);
		OAuth2AccessToken second = token("second", THIRTY_MINUTES);
		this.source.request(1).complete(second);
		assertThat(this.cache.getTokenAsync()).isCompletedWithValue(second);
		assertThat(this.cache.getToken()).isSameAs(second);
		assertThat(this.source.calls()).isEqualTo(2);
	}

	@Test
	void getTokenAsyncWhenThirtyMinuteTokenThenRenewalWindowOpensSixMinutesBeforeExpiry() {
		OAuth2AccessToken first = obtain("first", THIRTY_MINUTES);
		Instant windowOpens = START.plus(Duration.ofMinutes(24));
		this.clock.set(windowOpens.minusMillis(1));
		assertThat(this.cache.getTokenAsync()).isCompletedWithValue(first);
		assertThat(this.source.calls()).isOne();
		this.clock.set(windowOpens);
		assertThat(this.cache.getTokenAsync()).isCompletedWithValue(first);
		assertThat(this.source.calls()).isEqualTo(2);
	}

	@Test
	void renewalSchedulerWhenTokenHandedOutThenArmedForTheOpeningOfItsRenewalWindow() {
		obtain("first", THIRTY_MINUTES);
		assertThat(this.scheduler.delays()).containsExactly(Duration.ofMinutes(24));
	}

	@Test
	void renewalSchedulerWhenWindowOpensWithNoCallerThenRenewsInBackgroundAndServesOldTokenMeanwhile() {
		OAuth2AccessToken first = obtain("first", THIRTY_MINUTES);
		this.clock.set(START.plus(Duration.ofMinutes(24)));
		this.scheduler.runPending();
		assertThat(this.source.calls()).isEqualTo(2);
		assertThat(this.cache.statistics().renewalsAhead()).isOne();
		assertThat(this.cache.getTokenAsync()).isCompletedWithValue(first);
		assertThat(this.source.calls()).isEqualTo(2);
		OAuth2AccessToken second = token("second", THIRTY_MINUTES);
		this.source.latest().complete(second);
		assertThat(this.cache.getTokenAsync()).isCompletedWithValue(second);
		assertThat(this.scheduler.delays()).containsExactly(Duration.ofMinutes(24));
	}

	@Test
	void renewalSchedulerWhenRenewedTokenNeverHandedOutThenLetsIdleAccountStopRequesting() {
		obtain("first", THIRTY_MINUTES);
		this.clock.set(START.plus(Duration.ofMinutes(24)));
		this.scheduler.runPending();
		this.source.latest().complete(token("unused", THIRTY_MINUTES));
		this.clock.advance(Duration.ofMinutes(24));
		this.scheduler.runPending();
		assertThat(this.source.calls()).isEqualTo(2);
		assertThat(this.scheduler.delays()).isEmpty();
		this.clock.advance(Duration.ofMinutes(6));
		assertThat(this.cache.getTokenAsync()).isNotDone();
		assertThat(this.source.calls()).isEqualTo(3);
	}

	@Test
	void renewalSchedulerWhenRunBeforeClockReachesWindowThenRearmsForTheTimeLeft() {
		obtain("first", THIRTY_MINUTES);
		this.clock.set(START.plus(Duration.ofMinutes(23)));
		this.scheduler.runPending();
		assertThat(this.source.calls()).isOne();
		assertThat(this.scheduler.delays()).containsExactly(Duration.ofMinutes(1));
	}

	@Test
	void renewalSchedulerWhenBackgroundRenewalFailsThenRetriesAfterBackoffWithNoCaller() {
		this.cache.setRetryInitialInterval(Duration.ofSeconds(2));
		obtain("first", THIRTY_MINUTES);
		this.clock.set(START.plus(Duration.ofMinutes(24)));
		this.scheduler.runPending();
		this.source.latest().completeExceptionally(serverError());
		assertThat(this.scheduler.delays()).containsExactly(Duration.ofSeconds(2));
		this.clock.advance(Duration.ofSeconds(2));
		this.scheduler.runPending();
		assertThat(this.source.calls()).isEqualTo(3);
		this.source.latest().completeExceptionally(serverError());
		assertThat(this.scheduler.delays()).containsExactly(Duration.ofSeconds(4));
	}

	@Test
	void renewalSchedulerWhenRetryWouldFallPastUsableLifeThenStopsThereAndLeavesItToCallers() {
		this.cache.setRetryInitialInterval(Duration.ofMinutes(10));
		this.cache.setRetryMaxInterval(Duration.ofMinutes(10));
		obtain("first", THIRTY_MINUTES);
		this.clock.set(START.plus(Duration.ofMinutes(24)));
		this.scheduler.runPending();
		this.source.latest().completeExceptionally(serverError());
		assertThat(this.scheduler.delays()).containsExactly(Duration.ofMinutes(5));
		this.clock.advance(Duration.ofMinutes(5));
		this.scheduler.runPending();
		assertThat(this.source.calls()).isEqualTo(2);
		assertThat(this.scheduler.delays()).isEmpty();
	}

	@Test
	void renewalSchedulerWhenCacheClosedThenRequestsNothing() {
		obtain("first", THIRTY_MINUTES);
		this.cache.close();
		this.clock.set(START.plus(Duration.ofMinutes(24)));
		this.scheduler.runPending();
		assertThat(this.source.calls()).isOne();
	}

	@Test
	void closeWhenSchedulerStillHoldsArmedRenewalThenCacheCanBeCollected() {
		// Like the JDK's shared delay timer, this scheduler keeps its tasks until their
		// delay is over: the closed cache, and the token client behind it, must not stay
		// reachable through them.
		List<Runnable> kept = new ArrayList<>();
		WeakReference<TalendTokenCache> closed = closedCacheWithArmedRenewal(kept);
		for (int attempt = 0; attempt < 100 && closed.get() != null; attempt++) {
			System.gc();
		}
		assertThat(kept).isNotEmpty();
		assertThat(closed.get()).isNull();
		kept.forEach(Runnable::run);
	}

	private WeakReference<TalendTokenCache> closedCacheWithArmedRenewal(List<Runnable> kept) {
		TalendTokenCache cache = new TalendTokenCache(
				() -> CompletableFuture.completedFuture(token("t", THIRTY_MINUTES)), this.clock);
		cache.setRenewalScheduler((task, delay) -> kept.add(task));
		assertThat(cache.getTokenAsync()).isDone();
		cache.close();
		return new WeakReference<>(cache);
	}

	@Test
	void renewalSchedulerWhenCallerStartedRenewalFirstThenSecondRequestIsNotMade() {
		obtain("first", THIRTY_MINUTES);
		this.clock.set(START.plus(Duration.ofMinutes(24)));
		this.cache.getTokenAsync();
		this.scheduler.runPending();
		assertThat(this.source.calls()).isEqualTo(2);
	}

	@Test
	void getTokenAsyncWhenRenewalOutlastsUsableLifeThenCallersWaitForIt() {
		OAuth2AccessToken first = obtain("first", THIRTY_MINUTES);
		this.clock.set(START.plus(Duration.ofMinutes(24)));
		this.cache.getTokenAsync();
		Instant usableUntil = START.plus(Duration.ofMinutes(29));
		this.clock.set(usableUntil.minusMillis(1));
		assertThat(this.cache.getTokenAsync()).isCompletedWithValue(first);
		this.clock.set(usableUntil);
		CompletableFuture<OAuth2AccessToken> waiting = this.cache.getTokenAsync();
		assertThat(waiting).isNotDone();
		assertThat(this.cache.peek()).isNull();
		assertThat(this.source.calls()).isEqualTo(2);
		OAuth2AccessToken second = token("second", THIRTY_MINUTES);
		this.source.request(1).complete(second);
		assertThat(waiting).isCompletedWithValue(second);
	}

	@Test
	void getTokenAsyncWhenTokenLivesFiveSecondsThenEachTokenServesMostOfItsLifeForOneRequest() {
		Duration lifetime = Duration.ofSeconds(5);
		Duration step = Duration.ofMillis(100);
		// A 5 s token is renewed in its last sixth, minus a twentieth kept as margin: a
		// renewal taking half a second still ends before the token stops being used.
		Duration renewalLatency = Duration.ofMillis(500);
		Instant end = START.plus(lifetime.multipliedBy(5));
		List<OAuth2AccessToken> tokens = new ArrayList<>();
		Map<String, Instant> lastServed = new HashMap<>();
		tokens.add(obtain("token-0", lifetime));
		Instant renewalStarted = null;
		while (this.clock.instant().isBefore(end)) {
			this.clock.advance(step);
			Instant now = this.clock.instant();
			if (renewalStarted != null && !now.isBefore(renewalStarted.plus(renewalLatency))) {
				OAuth2AccessToken next = token("token-" + tokens.size(), lifetime);
				this.source.latest().complete(next);
				tokens.add(next);
				renewalStarted = null;
			}
			int callsBefore = this.source.calls();
			CompletableFuture<OAuth2AccessToken> served = this.cache.getTokenAsync();
			assertThat(served).isDone();
			lastServed.put(served.join().getTokenValue(), now);
			if (this.source.calls() != callsBefore) {
				assertThat(this.source.calls()).isEqualTo(callsBefore + 1);
				assertThat(renewalStarted).isNull();
				renewalStarted = now;
			}
		}
		assertThat(tokens).hasSize(6);
		assertThat(this.source.calls()).isEqualTo(tokens.size() + ((renewalStarted != null) ? 1 : 0));
		assertThat(tokens.subList(0, tokens.size() - 1)).allSatisfy((token) -> {
			Duration servedFor = Duration.between(token.getIssuedAt(), lastServed.get(token.getTokenValue()));
			assertThat(servedFor).isGreaterThanOrEqualTo(lifetime.multipliedBy(8).dividedBy(10))
				.isLessThan(lifetime.minusMillis(500));
		});
	}

	@Test
	void getTokenAsyncWhenBackgroundRenewalFailsThenCallersKeepTokenAndRetriesBackOff() {
		this.cache.setRetryMaxInterval(Duration.ofSeconds(5));
		OAuth2AccessToken held = obtain("held", THIRTY_MINUTES);
		this.clock.set(START.plus(Duration.ofMinutes(24)));
		assertThat(this.cache.getTokenAsync()).isCompletedWithValue(held);
		assertThat(this.source.calls()).isEqualTo(2);
		TalendTokenException error = serverError();
		this.source.request(1).completeExceptionally(error);
		assertThat(this.cache.getTokenAsync()).isCompletedWithValue(held);
		assertThat(this.cache.getToken()).isSameAs(held);
		assertThat(this.cache.lastFailure()).isSameAs(error);
		for (long seconds : new long[] { 1, 2, 4, 5, 5 }) {
			assertNextRequestDueAfter(Duration.ofSeconds(seconds), held);
			this.source.latest().completeExceptionally(serverError());
			assertThat(this.cache.getTokenAsync()).isCompletedWithValue(held);
		}
		assertNextRequestDueAfter(Duration.ofSeconds(5), held);
		OAuth2AccessToken renewed = token("renewed", THIRTY_MINUTES);
		this.source.latest().complete(renewed);
		assertThat(this.cache.getTokenAsync()).isCompletedWithValue(renewed);
		assertThat(this.cache.lastFailure()).isNull();
		assertThat(this.cache.statistics().failedRequests()).isEqualTo(6);
	}

	@Test
	void getTokenAsyncWhenNoTokenAndRequestFailedThenCallersFailFastUntilBackoffIsOver() {
		CompletableFuture<OAuth2AccessToken> first = this.cache.getTokenAsync();
		TalendTokenException error = serverError();
		this.source.request(0).completeExceptionally(error);
		assertThat(failureOf(first)).isSameAs(error);
		assertThat(failureOf(this.cache.getTokenAsync())).isSameAs(error);
		assertThatThrownBy(this.cache::getToken).isSameAs(error);
		this.clock.advance(Duration.ofMillis(999));
		assertThat(failureOf(this.cache.getTokenAsync())).isSameAs(error);
		assertThat(this.source.calls()).isOne();
		this.clock.advance(Duration.ofMillis(1));
		CompletableFuture<OAuth2AccessToken> retry = this.cache.getTokenAsync();
		assertThat(retry).isNotDone();
		assertThat(this.cache.getTokenAsync()).isNotDone();
		assertThat(this.source.calls()).isEqualTo(2);
		TalendTokenException secondError = serverError();
		this.source.request(1).completeExceptionally(secondError);
		assertThat(failureOf(retry)).isSameAs(secondError);
		this.clock.advance(Duration.ofMillis(1999));
		assertThat(failureOf(this.cache.getTokenAsync())).isSameAs(secondError);
		assertThat(this.source.calls()).isEqualTo(2);
		this.clock.advance(Duration.ofMillis(1));
		CompletableFuture<OAuth2AccessToken> lastTry = this.cache.getTokenAsync();
		assertThat(this.source.calls()).isEqualTo(3);
		OAuth2AccessToken token = token("finally", THIRTY_MINUTES);
		this.source.request(2).complete(token);
		assertThat(lastTry).isCompletedWithValue(token);
		assertThat(this.cache.lastFailure()).isNull();
	}

	@ParameterizedTest
	@EnumSource(value = Reason.class, names = { "CREDENTIALS_REJECTED", "PERMISSION_DENIED" })
	void getTokenAsyncWhenCredentialsOrPermissionRejectedThenNextRequestWaitsRetryMaxInterval(Reason reason) {
		this.cache.setRetryMaxInterval(Duration.ofSeconds(60));
		CompletableFuture<OAuth2AccessToken> first = this.cache.getTokenAsync();
		TalendTokenException error = rejection(reason);
		this.source.request(0).completeExceptionally(error);
		assertThat(failureOf(first)).isSameAs(error);
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(failureOf(this.cache.getTokenAsync())).isSameAs(error);
		this.clock.set(START.plusSeconds(60).minusMillis(1));
		assertThat(failureOf(this.cache.getTokenAsync())).isSameAs(error);
		assertThat(this.source.calls()).isOne();
		this.clock.set(START.plusSeconds(60));
		assertThat(this.cache.getTokenAsync()).isNotDone();
		assertThat(this.source.calls()).isEqualTo(2);
	}

	@ParameterizedTest
	@EnumSource(value = Reason.class, names = { "CREDENTIALS_REJECTED", "PERMISSION_DENIED" })
	void getTokenAsyncWhenBackgroundRenewalRejectedThenNextRequestWaitsRetryMaxInterval(Reason reason) {
		this.cache.setRetryMaxInterval(Duration.ofSeconds(60));
		OAuth2AccessToken held = obtain("held", THIRTY_MINUTES);
		this.clock.set(START.plus(Duration.ofMinutes(24)));
		this.cache.getTokenAsync();
		this.source.request(1).completeExceptionally(rejection(reason));
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.cache.getTokenAsync()).isCompletedWithValue(held);
		assertThat(this.source.calls()).isEqualTo(2);
		assertNextRequestDueAfter(Duration.ofSeconds(59), held);
	}

	@Test
	void invalidateWhenTokenIsCurrentThenDropsItAndNextCallerRenews() {
		OAuth2AccessToken rejected = obtain("rejected", THIRTY_MINUTES);
		this.cache.invalidate(rejected);
		assertThat(this.cache.peek()).isNull();
		CompletableFuture<OAuth2AccessToken> next = this.cache.getTokenAsync();
		assertThat(next).isNotDone();
		assertThat(this.source.calls()).isEqualTo(2);
		OAuth2AccessToken renewed = token("renewed", THIRTY_MINUTES);
		this.source.request(1).complete(renewed);
		assertThat(next).isCompletedWithValue(renewed);
	}

	@Test
	void invalidateWhenTokenWasAlreadyReplacedThenKeepsCurrentToken() {
		OAuth2AccessToken old = obtain("old", THIRTY_MINUTES);
		this.cache.invalidate(old);
		OAuth2AccessToken current = obtain("current", THIRTY_MINUTES);
		this.cache.invalidate(old);
		assertThat(this.cache.peek()).isSameAs(current);
		assertThat(this.cache.getTokenAsync()).isCompletedWithValue(current);
		assertThat(this.source.calls()).isEqualTo(2);
		assertThat(this.cache.statistics().invalidations()).isOne();
	}

	@Test
	void getTokenAsyncWhenRenewalsFailUntilTokenStopsBeingUsedThenFirstCallerAfterwardsTriesAgainAndKeepsToken() {
		this.cache.setRetryInitialInterval(Duration.ofSeconds(30));
		this.cache.setRetryMaxInterval(Duration.ofMinutes(5));
		OAuth2AccessToken held = obtain("held", THIRTY_MINUTES);
		this.clock.advance(Duration.ofMinutes(24));
		assertThat(this.cache.getTokenAsync()).isCompletedWithValue(held);
		this.source.latest().completeExceptionally(serverError());
		this.clock.advance(Duration.ofSeconds(30));
		assertThat(this.cache.getTokenAsync()).isCompletedWithValue(held);
		this.source.latest().completeExceptionally(serverError());
		assertThat(this.source.calls()).isEqualTo(3);
		this.clock.advance(Duration.ofSeconds(59));
		assertThat(this.cache.getTokenAsync()).as("a minute of backoff would run past the token's use")
			.isCompletedWithValue(held);
		assertThat(this.source.calls()).isEqualTo(3);
		this.clock.advance(Duration.ofMinutes(5).minusSeconds(30).minusSeconds(59));
		CompletableFuture<OAuth2AccessToken> afterUse = this.cache.getTokenAsync();
		assertThat(this.source.calls()).as("the endpoint may be back: one attempt rather than the last error")
			.isEqualTo(4);
		assertThat(afterUse).as("the token has not expired: served while the attempt runs").isCompletedWithValue(held);
		OAuth2AccessToken renewed = token("renewed", THIRTY_MINUTES);
		this.source.latest().complete(renewed);
		assertThat(this.cache.getTokenAsync()).isCompletedWithValue(renewed);
	}

	@Test
	void getTokenAsyncWhenRenewalsKeepFailingPastUsableLifeThenTokenServedUntilItExpiresThenLastErrorFast() {
		this.cache.setRetryInitialInterval(Duration.ofSeconds(20));
		this.cache.setRetryMaxInterval(Duration.ofSeconds(20));
		OAuth2AccessToken held = obtain("held", THIRTY_MINUTES);
		Instant usableUntil = START.plus(Duration.ofMinutes(29));
		Instant expiresAt = START.plus(THIRTY_MINUTES);
		this.clock.set(usableUntil.minusSeconds(1));
		assertThat(this.cache.getTokenAsync()).isCompletedWithValue(held);
		this.source.latest().completeExceptionally(serverError());
		this.clock.set(usableUntil);
		assertThat(this.cache.getTokenAsync()).as("past its usable life after a failed renewal")
			.isCompletedWithValue(held);
		assertThat(this.cache.peek()).isSameAs(held);
		assertThat(this.source.calls()).as("the retry falls due when the usable life ends").isEqualTo(3);
		this.source.latest().completeExceptionally(serverError());
		this.clock.set(usableUntil.plusSeconds(20).minusMillis(1));
		assertThat(this.cache.getTokenAsync()).isCompletedWithValue(held);
		assertThat(this.source.calls()).isEqualTo(3);
		this.clock.set(usableUntil.plusSeconds(20));
		assertThat(this.cache.getTokenAsync()).isCompletedWithValue(held);
		assertThat(this.source.calls()).isEqualTo(4);
		this.source.latest().completeExceptionally(serverError());
		this.clock.set(expiresAt.minusMillis(1));
		assertThat(this.cache.getTokenAsync()).isCompletedWithValue(held);
		assertThat(this.source.calls()).isEqualTo(5);
		TalendTokenException last = serverError();
		this.source.latest().completeExceptionally(last);
		this.clock.set(expiresAt);
		CompletableFuture<OAuth2AccessToken> expired = this.cache.getTokenAsync();
		assertThat(this.source.calls()).as("the retry falls due when the token expires").isEqualTo(6);
		assertThat(expired).isNotDone();
		TalendTokenException afterExpiry = serverError();
		this.source.latest().completeExceptionally(afterExpiry);
		assertThat(failureOf(expired)).isSameAs(afterExpiry);
		assertThat(failureOf(this.cache.getTokenAsync())).as("no token left: the last error, fast")
			.isSameAs(afterExpiry);
		assertThat(this.cache.peek()).isNull();
		assertThat(this.source.calls()).isEqualTo(6);
	}

	@Test
	void getTokenAsyncWhenTokenPastUsableLifeAndNoRenewalFailedThenNotServed() {
		OAuth2AccessToken held = obtain("held", THIRTY_MINUTES);
		this.clock.set(START.plus(Duration.ofMinutes(29)));
		CompletableFuture<OAuth2AccessToken> next = this.cache.getTokenAsync();
		assertThat(next).as("an idle account's token is not used in its margin").isNotDone();
		assertThat(this.source.calls()).isEqualTo(2);
		this.source.latest().completeExceptionally(serverError());
		assertThat(failureOf(next)).isInstanceOf(TalendTokenException.class);
		assertThat(failureOf(this.cache.getTokenAsync())).isInstanceOf(TalendTokenException.class);
		assertThat(this.cache.peek()).isNull();
		assertThat(held.getExpiresAt()).isAfter(this.clock.instant());
	}

	@Test
	void invalidateWhenApiRejectsTokenServedPastUsableLifeThenDroppedAndLastErrorFast() {
		this.cache.setRetryInitialInterval(Duration.ofSeconds(20));
		OAuth2AccessToken held = obtain("held", THIRTY_MINUTES);
		this.clock.set(START.plus(Duration.ofMinutes(29)).minusSeconds(1));
		this.cache.getTokenAsync();
		this.source.latest().completeExceptionally(serverError());
		this.clock.set(START.plus(Duration.ofMinutes(29)));
		assertThat(this.cache.getTokenAsync()).isCompletedWithValue(held);
		TalendTokenException error = serverError();
		this.source.latest().completeExceptionally(error);
		this.cache.invalidate(held);
		assertThat(failureOf(this.cache.getTokenAsync())).isSameAs(error);
		assertThat(this.source.calls()).isEqualTo(3);
	}

	@Test
	void invalidateWhenFreshTokensKeepBeingRejectedThenRenewalsBackOff() {
		OAuth2AccessToken first = obtain("first", THIRTY_MINUTES);
		this.cache.invalidate(first);
		OAuth2AccessToken second = obtain("second", THIRTY_MINUTES);
		assertThat(this.source.calls()).isEqualTo(2);
		this.cache.invalidate(second);
		assertThat(this.cache.peek()).as("kept: the token before it was rejected too").isSameAs(second);
		this.clock.advance(Duration.ofMillis(999));
		this.cache.invalidate(second);
		assertThat(this.cache.peek()).isSameAs(second);
		this.clock.advance(Duration.ofMillis(1));
		this.cache.invalidate(second);
		assertThat(this.cache.peek()).isNull();
		OAuth2AccessToken third = obtain("third", THIRTY_MINUTES);
		this.clock.advance(Duration.ofMillis(1999));
		this.cache.invalidate(third);
		assertThat(this.cache.peek()).isSameAs(third);
		this.clock.advance(Duration.ofMillis(1));
		this.cache.invalidate(third);
		assertThat(this.cache.peek()).isNull();
		assertThat(this.source.calls()).isEqualTo(3);
		assertThat(this.cache.statistics().invalidations()).isEqualTo(3);
	}

	@Test
	void invalidateWhenTokenLivedToItsRenewalWindowThenNextRejectionIsHonouredAtOnce() {
		OAuth2AccessToken first = obtain("first", THIRTY_MINUTES);
		this.cache.invalidate(first);
		OAuth2AccessToken second = obtain("second", THIRTY_MINUTES);
		this.clock.advance(Duration.ofMinutes(25));
		assertThat(this.cache.getTokenAsync()).isCompletedWithValue(second);
		OAuth2AccessToken renewed = token("renewed", THIRTY_MINUTES);
		this.source.latest().complete(renewed);
		this.cache.invalidate(renewed);
		assertThat(this.cache.peek()).as("the streak of rejections ended with the renewal ahead").isNull();
	}

	@Test
	void closeWhenCallersWaitThenReleasedAndLaterCallsFail() {
		CompletableFuture<OAuth2AccessToken> waiting = this.cache.getTokenAsync();
		this.cache.close();
		assertThat(failureOf(waiting)).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
		assertThat(failureOf(this.cache.getTokenAsync())).isInstanceOf(IllegalStateException.class);
		assertThat(this.source.calls()).isOne();
	}

	@Test
	void invalidateWhenHundredCallersRejectSameTokenThenOneRequestServesThemAll() throws Exception {
		OAuth2AccessToken rejected = obtain("rejected", THIRTY_MINUTES);
		CountDownLatch start = new CountDownLatch(1);
		Callable<CompletableFuture<OAuth2AccessToken>> caller = () -> {
			start.await();
			this.cache.invalidate(rejected);
			return this.cache.getTokenAsync();
		};
		List<CompletableFuture<OAuth2AccessToken>> waiting = concurrently(100, caller, start);
		assertThat(this.source.calls()).isEqualTo(2);
		assertThat(waiting).noneMatch(CompletableFuture::isDone);
		OAuth2AccessToken renewed = token("renewed", THIRTY_MINUTES);
		this.source.request(1).complete(renewed);
		assertThat(waiting).allSatisfy((future) -> assertThat(future).isCompletedWithValue(renewed));
		assertThat(this.source.calls()).isEqualTo(2);
		assertThat(this.cache.statistics().invalidations()).isOne();
	}

	@Test
	void getTokenWhenSourceNeverAnswersThenCallersReleasedWithTimeoutAndLateAnswerIgnored() throws Exception {
		this.cache.setRequestTimeout(Duration.ofMillis(200));
		CompletableFuture<OAuth2AccessToken> async = this.cache.getTokenAsync();
		CountDownLatch start = new CountDownLatch(1);
		Callable<Throwable> blockingCaller = () -> {
			start.await();
			return catchThrowableOfType(TalendTokenException.class, this.cache::getToken);
		};
		List<Throwable> blockingFailures = concurrently(3, blockingCaller, start);
		assertThat(async).failsWithin(WAIT_LIMIT)
			.withThrowableOfType(ExecutionException.class)
			.havingCause()
			.isInstanceOfSatisfying(TalendTokenException.class,
					(ex) -> assertThat(ex.getReason()).isEqualTo(Reason.TIMEOUT));
		Throwable timeout = failureOf(async);
		assertThat(blockingFailures).hasSize(3).allSatisfy((failure) -> assertThat(failure).isSameAs(timeout));
		this.source.request(0).complete(token("late", THIRTY_MINUTES));
		assertThat(this.cache.peek()).isNull();
		assertThat(failureOf(this.cache.getTokenAsync())).isSameAs(timeout);
		assertThat(this.source.calls()).isOne();
		assertThat(this.cache.statistics()).isEqualTo(new Statistics(0, 1, 0, 0));
	}

	@Test
	void getTokenAsyncWhenCallersCancelThenSharedRequestGoesOnForOthers() {
		CompletableFuture<OAuth2AccessToken> starter = this.cache.getTokenAsync();
		CompletableFuture<OAuth2AccessToken> joiner = this.cache.getTokenAsync();
		CompletableFuture<OAuth2AccessToken> other = this.cache.getTokenAsync();
		assertThat(starter.cancel(true)).isTrue();
		assertThat(joiner.cancel(true)).isTrue();
		assertThat(this.source.request(0)).isNotDone();
		assertThat(other).isNotDone();
		OAuth2AccessToken token = token("shared", THIRTY_MINUTES);
		this.source.request(0).complete(token);
		assertThat(starter).isCancelled();
		assertThat(joiner).isCancelled();
		assertThat(other).isCompletedWithValue(token);
		assertThat(this.cache.getTokenAsync()).isCompletedWithValue(token);
		assertThat(this.source.calls()).isOne();
		assertThat(this.cache.statistics().tokensObtained()).isOne();
	}

	@Test
	void getTokenAsyncWhenSourceThrowsThenReportedLikeFailedRequest() {
		IllegalStateException error = new IllegalStateException("no request possible");
		this.source.throwOnCall(error);
		CompletableFuture<OAuth2AccessToken> first = this.cache.getTokenAsync();
		assertThat(failureOf(first)).isSameAs(error);
		assertThat(this.cache.lastFailure()).isSameAs(error);
		assertThatThrownBy(this.cache::getToken).isSameAs(error);
		assertThat(this.source.calls()).isOne();
		assertThat(this.cache.statistics().failedRequests()).isOne();
		this.source.throwOnCall(null);
		this.clock.advance(Duration.ofSeconds(1));
		CompletableFuture<OAuth2AccessToken> retry = this.cache.getTokenAsync();
		assertThat(this.source.calls()).isEqualTo(2);
		OAuth2AccessToken token = token("recovered", THIRTY_MINUTES);
		this.source.request(1).complete(token);
		assertThat(retry).isCompletedWithValue(token);
	}

	@Test
	void getTokenAsyncWhenSourceFailsWithCheckedExceptionThenReportedAsUnreachable() {
		CompletableFuture<OAuth2AccessToken> first = this.cache.getTokenAsync();
		IOException error = new IOException("socket closed");
		this.source.request(0).completeExceptionally(error);
		assertThat(failureOf(first)).isInstanceOfSatisfying(TalendTokenException.class, (ex) -> {
			assertThat(ex.getReason()).isEqualTo(Reason.UNREACHABLE);
			assertThat(ex).hasCause(error);
		});
		assertThatThrownBy(this.cache::getToken).isSameAs(this.cache.lastFailure());
	}

	@Test
	void statisticsWhenTokensObtainedRenewedFailedAndInvalidatedThenCountsEach() {
		assertThat(this.cache.statistics()).isEqualTo(new Statistics(0, 0, 0, 0));
		obtain("first", THIRTY_MINUTES);
		this.clock.set(START.plus(Duration.ofMinutes(24)));
		this.cache.getTokenAsync();
		this.source.latest().completeExceptionally(serverError());
		this.clock.advance(Duration.ofSeconds(1));
		this.cache.getTokenAsync();
		OAuth2AccessToken second = token("second", THIRTY_MINUTES);
		this.source.latest().complete(second);
		this.cache.invalidate(second);
		this.cache.invalidate(second);
		assertThat(this.source.calls()).isEqualTo(3);
		assertThat(this.cache.statistics()).isEqualTo(new Statistics(2, 1, 2, 1));
	}

	@Test
	void getTokenAsyncWhenTokenArrivesAlreadyExpiredThenFailsAndBacksOff() {
		CompletableFuture<OAuth2AccessToken> first = this.cache.getTokenAsync();
		this.source.request(0)
			.complete(
					new OAuth2AccessToken(TokenType.BEARER, "stale", START.minusSeconds(120), START.minusSeconds(60)));
		assertThat(failureOf(first)).isInstanceOfSatisfying(TalendTokenException.class,
				(ex) -> assertThat(ex.getReason()).isEqualTo(Reason.INVALID_RESPONSE));
		assertThat(this.cache.peek()).isNull();
		assertThat(failureOf(this.cache.getTokenAsync())).isSameAs(failureOf(first));
		assertThat(this.source.calls()).isOne();
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.cache.getTokenAsync()).isNotDone();
		assertThat(this.source.calls()).isEqualTo(2);
	}

	@Test
	void getTokenAsyncWhenTokenHasNoIssuedAtOrExpiresAtThenServesItAndRenewsLater() {
		CompletableFuture<OAuth2AccessToken> first = this.cache.getTokenAsync();
		OAuth2AccessToken undated = new OAuth2AccessToken(TokenType.BEARER, "undated", null, null);
		this.source.request(0).complete(undated);
		assertThat(first).isCompletedWithValue(undated);
		assertThat(this.cache.getTokenAsync()).isCompletedWithValue(undated);
		assertThat(this.cache.getToken()).isSameAs(undated);
		assertThat(this.cache.peek()).isSameAs(undated);
		assertThat(this.source.calls()).isOne();
		this.clock.advance(Duration.ofHours(1));
		assertThat(this.cache.peek()).isNull();
		assertThat(this.cache.getTokenAsync()).isNotDone();
		assertThat(this.source.calls()).isEqualTo(2);
	}

	@Test
	void getTokenAsyncWhenJitteredThenRenewalsSpreadButStayBeforeWindowStart() {
		Random random = new Random(42);
		List<ScriptedTokenSource> sources = new ArrayList<>();
		List<TalendTokenCache> caches = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			ScriptedTokenSource source = new ScriptedTokenSource();
			TalendTokenCache cache = new TalendTokenCache(source, this.clock);
			cache.setJitter(random::nextDouble);
			cache.getTokenAsync();
			source.request(0).complete(token("token-" + i, THIRTY_MINUTES));
			sources.add(source);
			caches.add(cache);
		}
		Map<Integer, Instant> renewalStarts = new HashMap<>();
		Instant usableUntil = START.plus(Duration.ofMinutes(29));
		this.clock.set(START.plus(Duration.ofMinutes(22)));
		while (this.clock.instant().isBefore(usableUntil)) {
			for (int i = 0; i < caches.size(); i++) {
				assertThat(caches.get(i).getTokenAsync().join().getTokenValue()).isEqualTo("token-" + i);
				if (sources.get(i).calls() > 1) {
					renewalStarts.putIfAbsent(i, this.clock.instant());
				}
			}
			this.clock.advance(Duration.ofSeconds(1));
		}
		assertThat(sources).allSatisfy((source) -> assertThat(source.calls()).isEqualTo(2));
		// The window opens at 24 min; jitter moves a renewal up to a fifth of it earlier.
		assertThat(renewalStarts).hasSize(20)
			.allSatisfy((index, at) -> assertThat(at).isBetween(START.plus(Duration.ofMinutes(23)),
					START.plus(Duration.ofMinutes(24))));
		assertThat(new HashSet<>(renewalStarts.values())).hasSizeGreaterThanOrEqualTo(15);
	}

	private OAuth2AccessToken obtain(String value, Duration lifetime) {
		CompletableFuture<OAuth2AccessToken> future = this.cache.getTokenAsync();
		OAuth2AccessToken token = token(value, lifetime);
		this.source.latest().complete(token);
		assertThat(future).isCompletedWithValue(token);
		return token;
	}

	private OAuth2AccessToken token(String value, Duration lifetime) {
		Instant now = this.clock.instant();
		return new OAuth2AccessToken(TokenType.BEARER, value, now, now.plus(lifetime));
	}

	private void assertNextRequestDueAfter(Duration wait, OAuth2AccessToken served) {
		int calls = this.source.calls();
		this.clock.advance(wait.minusMillis(1));
		assertThat(this.cache.getTokenAsync()).isCompletedWithValue(served);
		assertThat(this.source.calls()).as("requests before the retry is due").isEqualTo(calls);
		this.clock.advance(Duration.ofMillis(1));
		assertThat(this.cache.getTokenAsync()).isCompletedWithValue(served);
		assertThat(this.source.calls()).as("requests once the retry is due").isEqualTo(calls + 1);
	}

	private static boolean isParked(Thread thread) {
		Thread.State state = thread.getState();
		return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
	}

	private static TalendTokenException serverError() {
		return new TalendTokenException(Reason.SERVER_ERROR, 503, "Talend Cloud answered 503", null);
	}

	private static TalendTokenException rejection(Reason reason) {
		int status = (reason == Reason.CREDENTIALS_REJECTED) ? 401 : 403;
		return new TalendTokenException(reason, status, "Talend Cloud answered " + status, null);
	}

	private static Throwable failureOf(CompletableFuture<?> future) {
		assertThat(future).isCompletedExceptionally();
		return catchThrowableOfType(CompletionException.class, future::join).getCause();
	}

	private static <T> List<T> concurrently(int callers, Callable<T> caller, CountDownLatch start) throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(callers);
		try {
			List<Future<T>> futures = new ArrayList<>();
			for (int i = 0; i < callers; i++) {
				futures.add(executor.submit(caller));
			}
			start.countDown();
			List<T> results = new ArrayList<>();
			for (Future<T> future : futures) {
				results.add(future.get(WAIT_LIMIT.toMillis(), TimeUnit.MILLISECONDS));
			}
			return results;
		}
		finally {
			executor.shutdownNow();
		}
	}

	private static void awaitUntil(BooleanSupplier condition) {
		long deadline = System.nanoTime() + WAIT_LIMIT.toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("time left to meet the condition").isLessThan(deadline);
			Thread.yield();
		}
	}

}
