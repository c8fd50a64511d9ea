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
import java.util.Map;

import io.github.talendsat.test.TalendCloudEmulator;

/**
 * Many callers at once on a client that holds no token yet: how many token requests, and
 * how long the slowest caller waits.
 *
 * @author talend-sat
 */
final class ColdStart implements Scenario {

	static final int CALLERS = 64;

	static final int ROUNDS = 3;

	static final Duration TOKEN_DELAY = Duration.ofMillis(200);

	private static final Duration TOKEN_LIFETIME = Duration.ofMinutes(30);

	@Override
	public String name() {
		return "cold-start";
	}

	@Override
	public List<String> description() {
		return List.of(
				CALLERS + " callers released together by a latch on a new client with an empty cache; "
						+ "token answers delayed " + TOKEN_DELAY.toMillis() + " ms.",
				"Latency is from the release to each caller's answer. " + ROUNDS + " rounds per implementation, "
						+ "interleaved; p50_ms and max_ms are medians over the rounds, token_requests the largest "
						+ "round, failed the sum.",
				"fixed fetched its token before the release (counted): it shows the floor without a token wait.");
	}

	@Override
	public List<Result> run(TalendCloudEmulator emulator) {
		Map<Implementation, List<Recording>> recordings = new EnumMap<>(Implementation.class);
		Map<Implementation, List<Integer>> tokenRequests = new EnumMap<>(Implementation.class);
		Implementation[] order = Implementation.values();
		for (int round = 0; round < ROUNDS; round++) {
			for (int i = 0; i < order.length; i++) {
				Implementation implementation = order[(round + i) % order.length];
				Scenario.prepare(emulator, TOKEN_LIFETIME, TOKEN_DELAY);
				try (BenchmarkClient client = BenchmarkClients.create(implementation, emulator, TOKEN_LIFETIME)) {
					Recording recording = Load.burst(client, CALLERS);
					recordings.computeIfAbsent(implementation, (key) -> new ArrayList<>()).add(recording);
					tokenRequests.computeIfAbsent(implementation, (key) -> new ArrayList<>())
						.add(emulator.tokenRequests());
				}
				Scenario.settle();
			}
		}
		List<Result> results = new ArrayList<>();
		for (Implementation implementation : order) {
			List<Recording> rounds = recordings.get(implementation);
			List<Integer> requests = tokenRequests.get(implementation);
			results
				.add(new Result(name(), implementation)
					.put("token_requests", requests.stream().mapToInt(Integer::intValue).max().orElseThrow())
					.put("failed", rounds.stream().mapToInt(Recording::failures).sum())
					.put("p50_ms", Numbers
						.median(rounds.stream().mapToDouble((recording) -> recording.percentileMillis(50)).toArray()))
					.put("max_ms", Numbers.median(rounds.stream().mapToDouble(Recording::maxMillis).toArray()))
					.put("callers", CALLERS)
					.put("token_delay_ms", TOKEN_DELAY.toMillis())
					.put("token_requests_per_round", Numbers.perRound(requests))
					.put("max_ms_per_round", Numbers.perRound(rounds.stream().map(Recording::maxMillis).toList())));
		}
		return results;
	}

	@Override
	public List<Check> checks(List<Result> results) {
		Result starter = Scenario.of(results, Implementation.STARTER);
		long requests = (long) starter.number("token_requests");
		long failed = (long) starter.number("failed");
		return List.of(new Check(
				name(), "1 token request for " + CALLERS + " concurrent callers, 0 failed", "token_requests=" + requests
						+ " (per round " + starter.get("token_requests_per_round") + "), failed=" + failed,
				requests == 1 && failed == 0));
	}

}
