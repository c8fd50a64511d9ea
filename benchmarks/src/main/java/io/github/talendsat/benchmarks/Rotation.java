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

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.talendsat.test.TalendCloudEmulator;

/**
 * Steady load through several lifetimes of short tokens: how many token requests, and
 * whether any caller waits for one.
 *
 * @author talend-sat
 */
final class Rotation implements Scenario {

	static final int THREADS = 16;

	/**
	 * A short pause after each call, as a service that does other work between its calls
	 * to Talend would make; it also keeps a client whose calls fail at once, without any
	 * request, from spinning the cores that the emulator needs.
	 */
	static final Duration THINK_TIME = Duration.ofMillis(5);

	static final Duration TOKEN_DELAY = Duration.ofMillis(200);

	private static final Duration TOKEN_LIFETIME = Duration.ofSeconds(4);

	private static final Duration LONG_LIFETIME = Duration.ofMinutes(30);

	private static final Duration DURATION = Duration.ofSeconds(14);

	private static final Duration WARM_UP = Duration.ofSeconds(3);

	private static final double P99_TOLERANCE = 1.2;

	/**
	 * talend-sat and the floor run three times each, interleaved around the baseline, so
	 * that a change in the machine's load weighs on both alike; their p99 target compares
	 * the median run of each, which one disturbed run cannot move.
	 */
	private static final List<Implementation> ORDER = List.of(Implementation.STARTER, Implementation.FIXED,
			Implementation.BASELINE, Implementation.FIXED, Implementation.STARTER, Implementation.FIXED,
			Implementation.STARTER);

	@Override
	public String name() {
		return "rotation";
	}

	@Override
	public List<String> description() {
		return List.of(
				THREADS + " threads in a closed loop (" + THINK_TIME.toMillis() + " ms think time after each call) for "
						+ DURATION.toSeconds() + " s of " + TOKEN_LIFETIME.toSeconds()
						+ " s tokens; token answers delayed " + TOKEN_DELAY.toMillis()
						+ " ms, so a caller that waits for one takes over " + TOKEN_DELAY.toMillis() + " ms.",
				"After " + WARM_UP.toSeconds() + " s of the same load unmeasured, runs in the order starter, fixed, "
						+ "baseline, fixed, starter, fixed, starter; latencies, calls_per_s, failed and token_waits cover "
						+ "all runs of an implementation, token_requests is its largest run, p99_ms_median_run the median "
						+ "of the runs' p99.",
				"Each client makes one call, which fetches its first token, before the load starts; token_requests "
						+ "counts the requests during the load only. fixed runs the same load with "
						+ LONG_LIFETIME.toMinutes() + "-minute tokens.",
				"baseline clock skew = " + BenchmarkClients.expiryMargin(TOKEN_LIFETIME).toMillis()
						+ " ms: min(60 s, lifetime / 20), the expiry margin talend-sat uses for "
						+ TOKEN_LIFETIME.toSeconds() + " s tokens (Spring's default 60 s would renew on every call).",
				"Latencies are of successful calls; token_waits counts calls begun while the client held no token it "
						+ "would use (so they waited for a token request); over_delay counts calls of "
						+ TOKEN_DELAY.toMillis() + " ms or more; rejected_401 counts the API's 401 answers.");
	}

	@Override
	public List<Result> run(TalendCloudEmulator emulator) {
		warmUp(emulator);
		Map<Implementation, List<Run>> runs = new EnumMap<>(Implementation.class);
		for (Implementation implementation : ORDER) {
			runs.computeIfAbsent(implementation, (key) -> new ArrayList<>()).add(measure(emulator, implementation));
			Scenario.settle();
		}
		List<Result> results = new ArrayList<>();
		for (Implementation implementation : Implementation.values()) {
			List<Run> own = runs.get(implementation);
			Recording all = Recording.merge(own.stream().map(Run::recording).toList());
			int tokenRequests = own.stream().mapToInt(Run::tokenRequests).max().orElseThrow();
			Duration lifetime = lifetime(implementation);
			double lifetimes = (double) DURATION.toMillis() / lifetime.toMillis();
			Result result = new Result(name(), implementation).put("token_requests", tokenRequests)
				.put("failed", all.failures())
				.put("p50_ms", all.percentileMillis(50))
				.put("p99_ms", all.percentileMillis(99))
				.put("max_ms", all.maxMillis())
				.put("calls_per_s", all.callsPerSecond())
				.put("runs", own.size())
				.put("token_requests_per_run", Numbers.perRound(own.stream().map(Run::tokenRequests).toList()))
				.put("lifetimes", lifetimes)
				.put("token_requests_per_lifetime", tokenRequests / lifetimes)
				.put("token_lifetime_s", lifetime.toSeconds())
				.put("token_waits", all.tokenWaits())
				.put("over_delay", all.successesSlowerThan(TOKEN_DELAY.toNanos()))
				.put("rejected_401", own.stream().mapToInt(Run::rejected).sum())
				.put("p99_ms_median_run",
						Numbers
							.median(own.stream().mapToDouble((run) -> run.recording().percentileMillis(99)).toArray()))
				.put("p99_ms_per_run",
						Numbers.perRound(own.stream().map((run) -> run.recording().percentileMillis(99)).toList()));
			if (implementation == Implementation.BASELINE) {
				result.put("clock_skew_ms", BenchmarkClients.expiryMargin(lifetime).toMillis());
			}
			results.add(result);
		}
		return results;
	}

	/**
	 * Run the same load unmeasured for a few seconds first: whichever implementation came
	 * first would otherwise pay for the switch from the previous scenario.
	 */
	private static void warmUp(TalendCloudEmulator emulator) {
		Scenario.prepare(emulator, LONG_LIFETIME, TOKEN_DELAY);
		try (BenchmarkClient client = BenchmarkClients.create(Implementation.FIXED, emulator, LONG_LIFETIME)) {
			Load.closedLoop(client, THREADS, WARM_UP, THINK_TIME, false, List.of());
		}
		Scenario.settle();
	}

	private Run measure(TalendCloudEmulator emulator, Implementation implementation) {
		Duration lifetime = lifetime(implementation);
		Scenario.prepare(emulator, lifetime, TOKEN_DELAY);
		try (BenchmarkClient client = BenchmarkClients.create(implementation, emulator, lifetime)) {
			client.call();
			int before = emulator.tokenRequests();
			Recording recording = Load.closedLoop(client, THREADS, DURATION, THINK_TIME, true, List.of());
			return new Run(recording, emulator.tokenRequests() - before, emulator.rejectedApiCalls());
		}
	}

	private static Duration lifetime(Implementation implementation) {
		return (implementation != Implementation.FIXED) ? TOKEN_LIFETIME : LONG_LIFETIME;
	}

	@Override
	public List<Check> checks(List<Result> results) {
		Result starter = Scenario.of(results, Implementation.STARTER);
		Result fixed = Scenario.of(results, Implementation.FIXED);
		long requests = (long) starter.number("token_requests");
		long allowed = (long) Math.ceil(starter.number("lifetimes")) + 1;
		long failed = (long) starter.number("failed");
		double p99 = starter.number("p99_ms_median_run");
		double fixedP99 = fixed.number("p99_ms_median_run");
		double max = starter.number("max_ms");
		long waits = (long) starter.number("token_waits");
		return List.of(
				new Check(name(), "token requests during the load <= ceil(lifetimes) + 1 = " + allowed,
						"token_requests=" + requests + " over " + starter.get("lifetimes") + " lifetimes, "
								+ starter.get("token_requests_per_lifetime") + " per lifetime",
						requests <= allowed),
				new Check(name(), "0 failed calls", "failed=" + failed, failed == 0),
				new Check(name(), "p99 within " + P99_TOLERANCE + "x of fixed (median run)",
						String.format(Locale.ROOT,
								"p99 of the median run %.2f ms vs fixed %.2f ms = %.2fx; over all calls %s ms vs %s ms",
								p99, fixedP99, p99 / fixedP99, starter.get("p99_ms"), fixed.get("p99_ms")),
						p99 <= P99_TOLERANCE * fixedP99),
				new Check(name(), "no caller waits for the token endpoint: token_waits = 0",
						String.format(Locale.ROOT,
								"token_waits=%d, over_delay=%d, max %.2f ms (fixed: over_delay=%d, max %.2f ms)", waits,
								(long) starter.number("over_delay"), max, (long) fixed.number("over_delay"),
								fixed.number("max_ms")),
						waits == 0));
	}

	/**
	 * One run of one implementation.
	 *
	 * @param recording the calls
	 * @param tokenRequests the token requests during the load
	 * @param rejected the API's 401 answers
	 */
	private record Run(Recording recording, int tokenRequests, int rejected) {

	}

}
