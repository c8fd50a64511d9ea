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
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.talendsat.test.TalendCloudEmulator;

/**
 * Throughput with a warm token, against the floor of a fixed token.
 *
 * @author talend-sat
 */
final class Overhead implements Scenario {

	static final int THREADS = 4;

	static final int ROUNDS = 9;

	static final double MIN_RATIO = 0.95;

	private static final Duration WARM_UP = Duration.ofSeconds(2);

	private static final Duration RUN = Duration.ofSeconds(1);

	private static final Duration TOKEN_LIFETIME = Duration.ofMinutes(30);

	@Override
	public String name() {
		return "overhead";
	}

	@Override
	public List<String> description() {
		return List.of(
				THREADS + " threads as fast as they can (no think time), token already held and valid for "
						+ TOKEN_LIFETIME.toMinutes() + " minutes; no token delay.",
				"Each client warms up for " + WARM_UP.toSeconds() + " s, then " + ROUNDS + " runs of " + RUN.toSeconds()
						+ " s each, the implementations alternating in a rotating order; calls_per_s is the median "
						+ "run, p50_ms and p99_ms are from that run.",
				"ratio = the median over the rounds of calls_per_s / fixed's calls_per_s in the same round.");
	}

	@Override
	public List<Result> run(TalendCloudEmulator emulator) {
		Scenario.prepare(emulator, TOKEN_LIFETIME, Duration.ZERO);
		Map<Implementation, BenchmarkClient> clients = new EnumMap<>(Implementation.class);
		Map<Implementation, List<Recording>> runs = new EnumMap<>(Implementation.class);
		Map<Implementation, Integer> tokenRequests = new EnumMap<>(Implementation.class);
		try {
			for (Implementation implementation : Implementation.values()) {
				int before = emulator.tokenRequests();
				BenchmarkClient client = BenchmarkClients.create(implementation, emulator, TOKEN_LIFETIME);
				clients.put(implementation, client);
				Load.closedLoop(client, THREADS, WARM_UP, Duration.ZERO, false, List.of());
				tokenRequests.put(implementation, emulator.tokenRequests() - before);
			}
			Implementation[] order = Implementation.values();
			for (int round = 0; round < ROUNDS; round++) {
				for (int i = 0; i < order.length; i++) {
					Implementation implementation = order[(round + i) % order.length];
					emulator.reset();
					Scenario.settle();
					int before = emulator.tokenRequests();
					Recording recording = Load.closedLoop(clients.get(implementation), THREADS, RUN, Duration.ZERO,
							false, List.of());
					tokenRequests.merge(implementation, emulator.tokenRequests() - before, Integer::sum);
					runs.computeIfAbsent(implementation, (key) -> new ArrayList<>()).add(recording);
				}
			}
		}
		finally {
			clients.values().forEach(BenchmarkClient::close);
		}
		List<Recording> floor = runs.get(Implementation.FIXED);
		List<Result> results = new ArrayList<>();
		for (Implementation implementation : Implementation.values()) {
			List<Recording> recordings = runs.get(implementation);
			Recording median = medianRun(recordings);
			double[] ratios = new double[ROUNDS];
			for (int round = 0; round < ROUNDS; round++) {
				ratios[round] = recordings.get(round).callsPerSecond() / floor.get(round).callsPerSecond();
			}
			results.add(new Result(name(), implementation).put("token_requests", tokenRequests.get(implementation))
				.put("failed", recordings.stream().mapToInt(Recording::failures).sum())
				.put("p50_ms", median.percentileMillis(50))
				.put("p99_ms", median.percentileMillis(99))
				.put("calls_per_s", median.callsPerSecond())
				.put("ratio", String.format(Locale.ROOT, "%.3f", Numbers.median(ratios)))
				.put("calls_per_s_per_run",
						Numbers.perRound(recordings.stream()
							.map((recording) -> (double) Math.round(recording.callsPerSecond()))
							.toList()))
				.put("ratio_per_round",
						Numbers.perRound(Arrays.stream(ratios)
							.mapToObj((ratio) -> String.format(Locale.ROOT, "%.3f", ratio))
							.toList())));
		}
		return results;
	}

	@Override
	public List<Check> checks(List<Result> results) {
		Result starter = Scenario.of(results, Implementation.STARTER);
		double ratio = starter.number("ratio");
		return List.of(new Check(name(), "calls/s ratio to fixed >= " + MIN_RATIO,
				"ratio=" + starter.get("ratio") + " (" + starter.get("calls_per_s") + " vs "
						+ Scenario.of(results, Implementation.FIXED).get("calls_per_s") + " calls/s)",
				ratio >= MIN_RATIO));
	}

	private static Recording medianRun(List<Recording> recordings) {
		List<Recording> sorted = new ArrayList<>(recordings);
		sorted.sort((a, b) -> Double.compare(a.callsPerSecond(), b.callsPerSecond()));
		return sorted.get(sorted.size() / 2);
	}

}
