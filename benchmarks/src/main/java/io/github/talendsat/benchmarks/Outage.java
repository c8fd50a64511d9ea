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
package io.github.talendsat.benchmarks;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import com.nimbusds.jwt.SignedJWT;
import org.jspecify.annotations.Nullable;

import io.github.talendsat.cache.TalendTokenCache;
import io.github.talendsat.test.TalendCloudEmulator;

/**
 * The rotation load with the token endpoint answering 503 for a stretch: failed calls,
 * and how hard each client presses the failing endpoint.
 *
 * @author talend-sat
 */
final class Outage implements Scenario {

	static final int MAX_OUTAGE_REQUESTS = 5;

	private static final Duration TOKEN_LIFETIME = Duration.ofSeconds(12);

	private static final String FAILURE_BODY = "{\"error\":\"temporarily_unavailable\"}";

	private final String name;

	private final Duration outageStart;

	private final Duration outageLength;

	private final Duration duration;

	private final boolean judged;

	private Outage(String name, Duration outageStart, Duration outageLength, Duration duration, boolean judged) {
		this.name = name;
		this.outageStart = outageStart;
		this.outageLength = outageLength;
		this.duration = duration;
		this.judged = judged;
	}

	/**
	 * An outage that starts shortly before talend-sat would renew the first token and
	 * ends while that token is still valid: with a 12 s token talend-sat renews 9.0 s to
	 * 9.4 s after receiving it (lifetime minus a margin of a twentieth, a window of a
	 * sixth, and up to a fifth of the window of jitter) and uses it until 11.4 s, or less
	 * when the JWT's exp, dated in whole seconds, comes first.
	 * @return the scenario
	 */
	static Outage whileTokenValid() {
		return new Outage("outage", Duration.ofMillis(8500), Duration.ofMillis(2000), Duration.ofSeconds(16), true);
	}

	/**
	 * An outage that lasts past the first token's expiry, so that both clients run out of
	 * token and must keep asking: what each does to a failing endpoint, and how soon it
	 * recovers.
	 * @return the scenario
	 */
	static Outage pastExpiry() {
		return new Outage("outage-past-expiry", Duration.ofMillis(7000), Duration.ofMillis(6000),
				Duration.ofSeconds(16), false);
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public List<String> description() {
		Duration end = this.outageStart.plus(this.outageLength);
		List<String> lines = new ArrayList<>();
		lines.add("The rotation load (" + Rotation.THREADS + " threads, " + Rotation.THINK_TIME.toMillis()
				+ " ms think time, token answers delayed " + Rotation.TOKEN_DELAY.toMillis() + " ms) on "
				+ TOKEN_LIFETIME.toSeconds() + " s tokens for " + this.duration.toSeconds() + " s; the token endpoint "
				+ "answers 503 from " + seconds(this.outageStart) + " s to " + seconds(end)
				+ " s after the load began, right after each client's first call fetched its first token.");
		lines.add("talend-sat renews a " + TOKEN_LIFETIME.toSeconds() + " s token 9.0 s to 9.4 s after receiving it "
				+ "(margin a twentieth of the lifetime, renewal window a sixth, jitter up to a fifth of the window) "
				+ "and uses it until 11.4 s at most; the baseline renews it on the calling thread at 11.4 s.");
		lines.add("failed_while_token_valid counts failed calls that started before the expiry (exp claim) of the "
				+ "token held when the outage began; failure_window_ms spans the first to the last failed call; "
				+ "token_requests counts the requests during the load, outage_token_requests those during the outage.");
		lines.add("baseline clock skew = " + BenchmarkClients.expiryMargin(TOKEN_LIFETIME).toMillis()
				+ " ms (min(60 s, lifetime / 20), as talend-sat's margin); fixed is not applicable: its token is never "
				+ "renewed.");
		return lines;
	}

	@Override
	public List<Result> run(TalendCloudEmulator emulator) {
		List<Result> results = new ArrayList<>();
		for (Implementation implementation : List.of(Implementation.STARTER, Implementation.BASELINE)) {
			Scenario.prepare(emulator, TOKEN_LIFETIME, Rotation.TOKEN_DELAY);
			try (BenchmarkClient client = BenchmarkClients.create(implementation, emulator, TOKEN_LIFETIME)) {
				client.call();
				results.add(measure(emulator, client));
			}
			Scenario.settle();
		}
		results.add(new Result(this.name, Implementation.FIXED).put("applicable", "false"));
		return results;
	}

	private Result measure(TalendCloudEmulator emulator, BenchmarkClient client) {
		AtomicLong requestsAtStart = new AtomicLong();
		AtomicLong requestsAtEnd = new AtomicLong();
		AtomicLong heldTokenExpiry = new AtomicLong(Long.MAX_VALUE);
		AtomicLong wallClockAtStart = new AtomicLong();
		int before = emulator.tokenRequests();
		List<Load.Event> events = List.of(new Load.Event(this.outageStart, "outage-start", () -> {
			wallClockAtStart.set(Instant.now().toEpochMilli());
			Instant expiry = expiry(client.usableToken());
			if (expiry != null) {
				heldTokenExpiry.set(expiry.toEpochMilli());
			}
			requestsAtStart.set(emulator.tokenRequests());
			emulator.failTokenRequests(Integer.MAX_VALUE, 503, "application/json", FAILURE_BODY);
		}), new Load.Event(this.outageStart.plus(this.outageLength), "outage-end", () -> {
			emulator.clearTokenFailures();
			requestsAtEnd.set(emulator.tokenRequests());
		}));
		Recording recording = Load.closedLoop(client, Rotation.THREADS, this.duration, Rotation.THINK_TIME, true,
				events);
		long start = recording.mark("outage-start");
		long end = recording.mark("outage-end");
		long validUntil = (heldTokenExpiry.get() != Long.MAX_VALUE)
				? start + Duration.ofMillis(heldTokenExpiry.get() - wallClockAtStart.get()).toNanos() : start;
		long outageRequests = requestsAtEnd.get() - requestsAtStart.get();
		double outageMinutes = (end - start) / 60e9;
		long lastFailureEnd = recording.lastFailureEnd();
		Result result = new Result(this.name, client.implementation())
			.put("token_requests", emulator.tokenRequests() - before)
			.put("failed", recording.failures())
			.put("failed_during_outage", recording.failuresStartedBetween(start, end))
			.put("failed_while_token_valid", recording.failuresStartedBetween(0, validUntil))
			.put("failed_after_outage", recording.failuresStartedBetween(end, Long.MAX_VALUE))
			.put("outage_token_requests", outageRequests)
			.put("outage_token_requests_per_min", outageRequests / outageMinutes)
			.put("outage_s", (end - start) / 1e9)
			.put("token_valid_after_outage_s", (validUntil - end) / 1e9)
			.put("failure_window_ms", recording.failureWindowNanos() / 1e6)
			.put("token_waits", recording.tokenWaits())
			.put("last_failure_after_outage_ms", (lastFailureEnd > end) ? (lastFailureEnd - end) / 1e6 : 0)
			.put("p50_ms", recording.percentileMillis(50))
			.put("p99_ms", recording.percentileMillis(99))
			.put("max_ms", recording.maxMillis())
			.put("calls_per_s", recording.callsPerSecond());
		TalendTokenCache cache = client.tokenCache();
		if (cache != null) {
			result.put("failed_token_requests", cache.statistics().failedRequests());
		}
		return result;
	}

	@Override
	public List<Check> checks(List<Result> results) {
		if (!this.judged) {
			return List.of();
		}
		Result starter = Scenario.of(results, Implementation.STARTER);
		long failedWhileValid = (long) starter.number("failed_while_token_valid");
		long requests = (long) starter.number("outage_token_requests");
		return List.of(
				new Check(this.name, "0 failed calls while the token held at the outage is valid",
						"failed_while_token_valid=" + failedWhileValid + ", failed_during_outage="
								+ starter.get("failed_during_outage") + ", failed=" + starter.get("failed"),
						failedWhileValid == 0),
				new Check(this.name,
						"a handful (<= " + MAX_OUTAGE_REQUESTS + ") of token requests during the "
								+ starter.get("outage_s") + " s outage",
						"outage_token_requests=" + requests + " (" + starter.get("outage_token_requests_per_min")
								+ " per minute of outage)",
						requests <= MAX_OUTAGE_REQUESTS));
	}

	private static @Nullable Instant expiry(@Nullable String token) {
		if (token == null) {
			return null;
		}
		try {
			return SignedJWT.parse(token).getJWTClaimsSet().getExpirationTime().toInstant();
		}
		catch (ParseException ex) {
			return null;
		}
	}

	private static String seconds(Duration duration) {
		return String.format(Locale.ROOT, "%.1f", duration.toMillis() / 1000.0);
	}

}
