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

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.log.LogMessage;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.util.Assert;

import io.github.talendsat.token.TalendTokenException;
import io.github.talendsat.token.TalendTokenException.Reason;

/**
 * Holds the current token of one service account and renews it. The lifecycle it
 * implements:
 * <ul>
 * <li><b>Single flight</b>: however many callers need a token at once, one token request
 * is in flight, and every waiting caller gets its outcome.</li>
 * <li><b>Refresh ahead</b>: once a token enters its renewal window, one background
 * renewal starts while callers keep getting the current token. Callers wait only when no
 * usable token exists. A token that has been handed out is renewed when its window opens
 * even if no caller asks for it then; one that nobody asked for is left to expire, so
 * that an idle account stops requesting tokens.</li>
 * <li><b>Backoff</b>: after a failed request the next one waits, growing exponentially
 * with jitter up to a bound; a failure that will not heal by itself (rejected
 * credentials, missing permission) waits the whole bound. A failed renewal of a token
 * still in use is retried no later than the moment the token stops being used.</li>
 * <li><b>Serve while valid</b>: once a renewal has failed, the token held is still handed
 * out after its usable life, up to its actual expiry, while renewals go on in the
 * background: a token that the API will most likely accept beats a certain error. While
 * no token is held that has not expired, callers fail fast with the last error until the
 * next attempt is due.</li>
 * </ul>
 * <p>
 * The cache holds no lock: its state is one immutable value swapped atomically, so that
 * blocking callers (platform or virtual threads) and reactive subscribers on an event
 * loop share the same renewal without ever parking a thread except to wait for a token
 * that does not exist yet. Time comes from the {@link Clock} given at construction.
 * <p>
 * Configure it through the setters before the first token is asked for.
 *
 * @author talend-sat
 * @since 0.1.0
 */
public final class TalendTokenCache {

	private static final Log logger = LogFactory.getLog(TalendTokenCache.class);

	/**
	 * Lifetime assumed for a token that carries no expiry: the lifetime Talend documents.
	 */
	private static final Duration UNDATED_LIFETIME = Duration.ofMinutes(30);

	private final TokenSource source;

	private final Clock clock;

	private final AtomicReference<State> state = new AtomicReference<>(State.EMPTY);

	private final LongAdder tokensObtained = new LongAdder();

	private final LongAdder failedRequests = new LongAdder();

	private final LongAdder renewalsAhead = new LongAdder();

	private final LongAdder invalidations = new LongAdder();

	private Duration expiryMargin = Duration.ofSeconds(60);

	private Duration refreshAhead = Duration.ofMinutes(5);

	private Duration retryInitialInterval = Duration.ofSeconds(1);

	private Duration retryMaxInterval = Duration.ofSeconds(60);

	private Duration requestTimeout = Duration.ofSeconds(16);

	private DoubleSupplier jitter = () -> ThreadLocalRandom.current().nextDouble();

	private RenewalScheduler scheduler = RenewalScheduler.delayed();

	private volatile boolean closed;

	private volatile @Nullable ArmedRenewal armed;

	/**
	 * Create a cache that asks the given source for tokens.
	 * @param source the token request
	 * @param clock the clock that decides when a token expires and when a retry is due
	 */
	public TalendTokenCache(TokenSource source, Clock clock) {
		Assert.notNull(source, "source cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		this.source = source;
		this.clock = clock;
	}

	/**
	 * Set how long before its expiry a token stops being handed out, to allow for clock
	 * differences and for the time a call takes to reach Talend; once a renewal has
	 * failed, the token is handed out up to its expiry instead. Short-lived tokens use at
	 * most a twentieth of their lifetime. Default 60 s.
	 * @param expiryMargin the margin
	 */
	public void setExpiryMargin(Duration expiryMargin) {
		Assert.isTrue(isPositiveOrZero(expiryMargin), "expiryMargin must be zero or positive");
		this.expiryMargin = expiryMargin;
	}

	/**
	 * Set how long before the end of its usable life a token is renewed in the
	 * background. Short-lived tokens use at most a sixth of their lifetime. Default 5
	 * minutes.
	 * @param refreshAhead the renewal window
	 */
	public void setRefreshAhead(Duration refreshAhead) {
		Assert.isTrue(isPositiveOrZero(refreshAhead), "refreshAhead must be zero or positive");
		this.refreshAhead = refreshAhead;
	}

	/**
	 * Set the wait after a first failed token request; each further failure doubles it.
	 * Default 1 s.
	 * @param retryInitialInterval the first wait, at least 1 ms
	 */
	public void setRetryInitialInterval(Duration retryInitialInterval) {
		Assert.isTrue(isPositive(retryInitialInterval), "retryInitialInterval must be positive");
		this.retryInitialInterval = retryInitialInterval;
	}

	/**
	 * Set the longest wait between failed token requests, also the wait after a failure
	 * that will not heal by itself. Default 60 s.
	 * @param retryMaxInterval the longest wait
	 */
	public void setRetryMaxInterval(Duration retryMaxInterval) {
		Assert.isTrue(isPositive(retryMaxInterval), "retryMaxInterval must be positive");
		this.retryMaxInterval = retryMaxInterval;
	}

	/**
	 * Set how long a token request may take before it counts as failed and its waiting
	 * callers are released. It should exceed the token client's own connect and read
	 * timeouts. Default 16 s.
	 * @param requestTimeout the timeout
	 */
	public void setRequestTimeout(Duration requestTimeout) {
		Assert.isTrue(isPositive(requestTimeout), "requestTimeout must be positive");
		this.requestTimeout = requestTimeout;
	}

	/**
	 * Set the source of randomness that spreads renewals and retries of many instances
	 * over time: each call returns a number in {@code [0, 1)}. Tests use a constant.
	 * @param jitter the random source
	 */
	public void setJitter(DoubleSupplier jitter) {
		Assert.notNull(jitter, "jitter cannot be null");
		this.jitter = jitter;
	}

	/**
	 * Set what runs the background renewal of a token in use once its renewal window
	 * opens, or once a failed renewal may be retried. Default
	 * {@link RenewalScheduler#delayed()}; tests run the tasks by hand.
	 * @param scheduler the scheduler
	 */
	public void setRenewalScheduler(RenewalScheduler scheduler) {
		Assert.notNull(scheduler, "scheduler cannot be null");
		this.scheduler = scheduler;
	}

	/**
	 * Return a usable token, waiting for a token request only when none is held. Never
	 * call this from an event loop; use {@link #getTokenAsync()} there.
	 * @return the token
	 * @throws TalendTokenException if no token could be obtained
	 */
	public OAuth2AccessToken getToken() {
		CompletableFuture<OAuth2AccessToken> token = getTokenAsync();
		try {
			return token.isDone() ? token.join()
					: token.get(this.requestTimeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
		}
		catch (CompletionException | ExecutionException ex) {
			throw rethrow((ex.getCause() != null) ? ex.getCause() : ex);
		}
		catch (TimeoutException ex) {
			throw timeout(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new TalendTokenException(Reason.TIMEOUT, 0,
					"Interrupted while waiting for a Talend Cloud service-account token", ex);
		}
	}

	/**
	 * Return a usable token without blocking: the returned future is complete at once
	 * while a token is held, and otherwise completes with the outcome of the one token
	 * request in flight. Cancelling it does not cancel that request for other callers.
	 * @return the future token
	 */
	public CompletableFuture<OAuth2AccessToken> getTokenAsync() {
		if (this.closed) {
			return CompletableFuture.failedFuture(closedError());
		}
		while (true) {
			State current = this.state.get();
			Instant now = this.clock.instant();
			if (current.isUsable(now)) {
				if (current.isRenewalDue(now)) {
					startRenewal(current, true);
				}
				return CompletableFuture.completedFuture(current.token().handOut());
			}
			if (current.isServableThroughFailure(now)) {
				if (current.isRetryDue(now)) {
					startRenewal(current, true);
				}
				return CompletableFuture.completedFuture(current.token().handOut());
			}
			if (current.renewal() != null) {
				return current.renewal().copy();
			}
			Failure failure = current.failure();
			if (failure != null && now.isBefore(failure.retryAt())) {
				return CompletableFuture.failedFuture(failure.error());
			}
			CompletableFuture<OAuth2AccessToken> renewal = startRenewal(current, false);
			if (renewal != null) {
				return renewal.copy();
			}
		}
	}

	/**
	 * Drop the given token if it is still the current one, because the API rejected it.
	 * The next caller starts a renewal, which all callers that saw the same rejection
	 * share.
	 * <p>
	 * A first rejection is always honoured. When the tokens that replace it are rejected
	 * too, an API that keeps answering 401 would otherwise turn every call into a token
	 * request: so each further token is kept until it has been held for the retry
	 * interval, doubling with each rejection in a row up to the longest interval. A token
	 * that lives to its renewal window ends the streak.
	 * @param rejected the token the API answered 401 to
	 */
	public void invalidate(OAuth2AccessToken rejected) {
		Assert.notNull(rejected, "rejected cannot be null");
		while (true) {
			State current = this.state.get();
			Held held = current.token();
			if (held == null || !held.value().getTokenValue().equals(rejected.getTokenValue())) {
				return;
			}
			if (this.clock.instant().isBefore(held.obtainedAt().plus(rejectionSpacing(current.rejections())))) {
				logger.debug("Kept a Talend token the API rejected: the tokens before it were rejected too");
				return;
			}
			State next = new State(null, current.renewal(), current.failure(), current.rejections() + 1);
			if (this.state.compareAndSet(current, next)) {
				this.invalidations.increment();
				logger.debug("Dropped a Talend token that the API rejected");
				return;
			}
		}
	}

	/**
	 * Fail the token request in flight, if any, and every later request for a token: the
	 * account is being shut down with its application.
	 */
	public void close() {
		this.closed = true;
		disarm();
		CompletableFuture<OAuth2AccessToken> renewal = this.state.get().renewal();
		if (renewal != null) {
			renewal.completeExceptionally(closedError());
		}
	}

	/**
	 * Return the token a caller would be handed now without waiting, if any, without ever
	 * starting a request: a usable token, or one served up to its expiry because renewing
	 * it failed.
	 * @return the token, or {@code null}
	 */
	public @Nullable OAuth2AccessToken peek() {
		State current = this.state.get();
		Instant now = this.clock.instant();
		return (current.isUsable(now) || current.isServableThroughFailure(now)) ? current.token().value() : null;
	}

	/**
	 * Return the error of the last token request if it failed and no token has been
	 * obtained since.
	 * @return the last error, or {@code null}
	 */
	public @Nullable RuntimeException lastFailure() {
		Failure failure = this.state.get().failure();
		return (failure != null) ? failure.error() : null;
	}

	/**
	 * Return counts of what this cache has done so far.
	 * @return the statistics
	 */
	public Statistics statistics() {
		return new Statistics(this.tokensObtained.sum(), this.failedRequests.sum(), this.renewalsAhead.sum(),
				this.invalidations.sum());
	}

	/**
	 * Start the one renewal if the given state is still the current one.
	 * @return the renewal started, or {@code null} if another caller changed the state
	 * first
	 */
	private @Nullable CompletableFuture<OAuth2AccessToken> startRenewal(State expected, boolean ahead) {
		CompletableFuture<OAuth2AccessToken> renewal = new CompletableFuture<>();
		Held keep = ahead ? expected.token() : null;
		if (!this.state.compareAndSet(expected, new State(keep, renewal, expected.failure(), expected.rejections()))) {
			return null;
		}
		if (ahead) {
			this.renewalsAhead.increment();
			logger.debug("Renewing the Talend token ahead of its expiry");
		}
		else {
			logger.debug("Requesting a Talend token");
		}
		Instant started = this.clock.instant();
		// The JDK's delay timer holds the task until the timeout is over: once the
		// renewal ends, the task lets go of the cache.
		AtomicReference<@Nullable Runnable> onTimeout = new AtomicReference<>(
				() -> complete(renewal, null, timeout(null), started));
		renewal.whenComplete((token, error) -> onTimeout.set(null));
		CompletableFuture.delayedExecutor(this.requestTimeout.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
			Runnable timedOut = onTimeout.getAndSet(null);
			if (timedOut != null) {
				timedOut.run();
			}
		});
		try {
			this.source.requestToken().whenComplete((token, error) -> complete(renewal, token, error, started));
		}
		catch (RuntimeException ex) {
			complete(renewal, null, ex, started);
		}
		return renewal;
	}

	/**
	 * Record the outcome of a renewal, then release its waiting callers. Only the first
	 * outcome of a renewal counts: a request that answers after its timeout is ignored.
	 */
	private void complete(CompletableFuture<OAuth2AccessToken> renewal, @Nullable OAuth2AccessToken token,
			@Nullable Throwable error, Instant started) {
		RuntimeException failure = (token == null) ? rethrow(unwrap(error)) : expired(token);
		while (true) {
			State current = this.state.get();
			if (current.renewal() != renewal) {
				return;
			}
			Instant now = this.clock.instant();
			State next = (failure != null) ? failed(current, failure, now) : obtained(current, token, now);
			if (this.state.compareAndSet(current, next)) {
				break;
			}
		}
		scheduleRenewal();
		if (failure != null) {
			this.failedRequests.increment();
			logger.debug(LogMessage.format("Talend token request failed after %s: %s",
					Duration.between(started, this.clock.instant()), failure.getMessage()));
			renewal.completeExceptionally(failure);
		}
		else {
			this.tokensObtained.increment();
			logger.debug(LogMessage.format("Obtained a Talend token expiring at %s", token.getExpiresAt()));
			renewal.complete(token);
		}
	}

	/**
	 * Arm the background renewal of the token now held, for the moment a caller would
	 * start it: when its renewal window opens, or when a failed renewal may be retried.
	 */
	private void scheduleRenewal() {
		State current = this.state.get();
		Held held = current.token();
		if (held == null || current.renewal() != null || this.closed) {
			return;
		}
		Instant due = held.refreshAt();
		if (current.failure() != null && current.failure().retryAt().isAfter(due)) {
			due = current.failure().retryAt();
		}
		Duration delay = Duration.between(this.clock.instant(), due);
		ArmedRenewal renewal = new ArmedRenewal(this, held);
		disarm();
		this.armed = renewal;
		this.scheduler.schedule(renewal, delay.isNegative() ? Duration.ZERO : delay);
	}

	private void disarm() {
		ArmedRenewal previous = this.armed;
		if (previous != null) {
			previous.disarm();
		}
	}

	/**
	 * Start the background renewal of the given token if it is still held, was handed
	 * out, and is due for renewal by the cache's clock; re-arm it if the clock has not
	 * got there yet.
	 */
	private void renewInBackground(Held held) {
		State current = this.state.get();
		if (this.closed || current.token() != held || current.renewal() != null || !held.isHandedOut()) {
			return;
		}
		Instant now = this.clock.instant();
		if (!current.isUsable(now)) {
			return;
		}
		if (current.isRenewalDue(now)) {
			startRenewal(current, true);
		}
		else {
			scheduleRenewal();
		}
	}

	private State obtained(State current, OAuth2AccessToken token, Instant now) {
		Instant issuedAt = (token.getIssuedAt() != null) ? token.getIssuedAt() : now;
		Instant expiresAt = (token.getExpiresAt() != null) ? token.getExpiresAt() : issuedAt.plus(UNDATED_LIFETIME);
		Duration lifetime = Duration.between(issuedAt, expiresAt);
		Duration margin = min(this.expiryMargin, lifetime.dividedBy(20));
		Duration window = min(this.refreshAhead, lifetime.dividedBy(6));
		Duration spread = Duration.ofMillis((long) (window.toMillis() * 0.2 * this.jitter.getAsDouble()));
		Instant usableUntil = expiresAt.minus(margin);
		// A token still held means this renewal started ahead of its expiry: it was never
		// rejected, and its callers use the token they hold until they ask again.
		boolean ahead = current.token() != null;
		int rejections = ahead ? 0 : current.rejections();
		Held held = new Held(token, now, usableUntil, usableUntil.minus(window).minus(spread), expiresAt,
				new AtomicBoolean(!ahead));
		return new State(held, null, null, rejections);
	}

	/**
	 * A token that is expired on arrival counts as a failed request, so that the backoff
	 * keeps a misbehaving source from being asked once per call.
	 */
	private @Nullable RuntimeException expired(OAuth2AccessToken token) {
		if (token.getExpiresAt() == null || token.getExpiresAt().isAfter(this.clock.instant())) {
			return null;
		}
		return new TalendTokenException(Reason.INVALID_RESPONSE, 0,
				"Talend Cloud returned a token that had already expired at " + token.getExpiresAt(), null);
	}

	private State failed(State current, RuntimeException error, Instant now) {
		Failure previous = current.failure();
		int attempts = (previous != null) ? previous.attempts() + 1 : 1;
		boolean heals = !(error instanceof TalendTokenException tokenError) || tokenError.isTransient();
		Duration wait = heals ? backoff(attempts) : this.retryMaxInterval;
		Held keep = current.isValid(now) ? current.token() : null;
		Instant retryAt = now.plus(wait);
		if (keep != null) {
			// The endpoint may be back by then: the token's next stage (served past its
			// usable life, then gone) starts with one more attempt rather than with an
			// error from an outage that may be over.
			Instant stageEnd = current.isUsable(now) ? keep.usableUntil() : keep.expiresAt();
			retryAt = stageEnd.isBefore(retryAt) ? stageEnd : retryAt;
		}
		return new State(keep, null, new Failure(error, attempts, retryAt), current.rejections());
	}

	private Duration backoff(int attempts) {
		long exponential = exponentialMillis(attempts);
		long jittered = exponential + (long) (exponential * 0.2 * this.jitter.getAsDouble());
		return Duration.ofMillis(
				Math.max(this.retryInitialInterval.toMillis(), Math.min(this.retryMaxInterval.toMillis(), jittered)));
	}

	private Duration rejectionSpacing(int rejections) {
		return (rejections == 0) ? Duration.ZERO : Duration.ofMillis(exponentialMillis(rejections));
	}

	/**
	 * The retry interval doubled for each attempt after the first, up to the longest
	 * interval.
	 */
	private long exponentialMillis(int attempts) {
		long initial = this.retryInitialInterval.toMillis();
		long max = this.retryMaxInterval.toMillis();
		return (attempts >= 31) ? max : Math.min(max, initial << Math.min(attempts - 1, 30));
	}

	private static IllegalStateException closedError() {
		return new IllegalStateException("The Talend service account has been closed: no token can be obtained");
	}

	private TalendTokenException timeout(@Nullable Throwable cause) {
		return new TalendTokenException(Reason.TIMEOUT, 0, "No Talend Cloud service-account token within "
				+ this.requestTimeout.toMillis() + " ms: the token endpoint did not answer in time", cause);
	}

	private static Throwable unwrap(@Nullable Throwable error) {
		Throwable current = error;
		while (current instanceof CompletionException && current.getCause() != null) {
			current = current.getCause();
		}
		return (current != null) ? current : new IllegalStateException("Token request completed without a token");
	}

	private static RuntimeException rethrow(Throwable error) {
		if (error instanceof RuntimeException runtime) {
			return runtime;
		}
		return new TalendTokenException(Reason.UNREACHABLE, 0,
				"Talend Cloud service-account token request failed: " + error.getClass().getSimpleName(), error);
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	private static boolean isPositive(@Nullable Duration duration) {
		return duration != null && !duration.isNegative() && !duration.isZero();
	}

	private static boolean isPositiveOrZero(@Nullable Duration duration) {
		return duration != null && !duration.isNegative();
	}

	/**
	 * Counts of what a cache has done since it was created.
	 *
	 * @param tokensObtained token requests that returned a token
	 * @param failedRequests token requests that failed or timed out
	 * @param renewalsAhead renewals started in the background while a usable token was
	 * held
	 * @param invalidations tokens dropped because the API rejected them
	 */
	public record Statistics(long tokensObtained, long failedRequests, long renewalsAhead, long invalidations) {

	}

	/**
	 * A token and the moments of its life. {@code handedOut} records whether any caller
	 * got it, the one thing about it that changes.
	 */
	private record Held(OAuth2AccessToken value, Instant obtainedAt, Instant usableUntil, Instant refreshAt,
			Instant expiresAt, AtomicBoolean handedOut) {

		OAuth2AccessToken handOut() {
			// Read before writing, so that callers of a token in steady use share its
			// cache line rather than write to it.
			if (!this.handedOut.get()) {
				this.handedOut.set(true);
			}
			return this.value;
		}

		boolean isHandedOut() {
			return this.handedOut.get();
		}

	}

	private record Failure(RuntimeException error, int attempts, Instant retryAt) {

	}

	/**
	 * A background renewal waiting on the scheduler. A scheduler may hold its tasks long
	 * after the cache is closed (the JDK's shared delay timer holds one until its delay,
	 * up to the life of a token, is over), so the task lets go of the cache, and through
	 * it of the token client's threads, as soon as it is replaced or the cache closes.
	 */
	private static final class ArmedRenewal implements Runnable {

		private volatile @Nullable TalendTokenCache cache;

		private final Held held;

		ArmedRenewal(TalendTokenCache cache, Held held) {
			this.cache = cache;
			this.held = held;
		}

		@Override
		public void run() {
			TalendTokenCache target = this.cache;
			if (target != null) {
				target.renewInBackground(this.held);
			}
		}

		void disarm() {
			this.cache = null;
		}

	}

	/**
	 * Everything the cache knows, swapped as one value.
	 */
	private record State(@Nullable Held token, @Nullable CompletableFuture<OAuth2AccessToken> renewal,
			@Nullable Failure failure, int rejections) {

		static final State EMPTY = new State(null, null, null, 0);

		boolean isUsable(Instant now) {
			return this.token != null && now.isBefore(this.token.usableUntil());
		}

		boolean isValid(Instant now) {
			return this.token != null && now.isBefore(this.token.expiresAt());
		}

		/**
		 * Whether the token held is past its usable life but not expired, and a renewal
		 * has failed since it was obtained, so that handing it out is better than the
		 * error.
		 */
		boolean isServableThroughFailure(Instant now) {
			return this.failure != null && isValid(now);
		}

		boolean isRenewalDue(Instant now) {
			return !now.isBefore(this.token.refreshAt()) && isRetryDue(now);
		}

		boolean isRetryDue(Instant now) {
			return this.renewal == null && (this.failure == null || !now.isBefore(this.failure.retryAt()));
		}

	}

}
