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

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.talendsat.test.TalendCloudEmulator;
import io.github.talendsat.test.TalendCloudEmulator.Account;

/**
 * Runs the scenario benchmarks against a Talend Cloud emulator on loopback and prints the
 * tables, the {@code RESULT} lines and talend-sat's targets.
 *
 * @author talend-sat
 */
public final class TalendSatBenchmarks {

	private static final Duration WARM_UP = Duration.ofSeconds(3);

	private static final Duration WARM_UP_LIFETIME = Duration.ofSeconds(2);

	private TalendSatBenchmarks() {
	}

	/**
	 * Run every scenario.
	 * @param args names of the scenarios to run, separated by spaces or commas; all of
	 * them if none is given
	 */
	public static void main(String[] args) {
		PrintStream out = System.out;
		long started = System.nanoTime();
		List<Scenario> scenarios = new ArrayList<>(List.of(new ColdStart(), new Overhead(), new Rotation(),
				Outage.whileTokenValid(), Outage.pastExpiry()));
		List<String> wanted = Arrays.stream(args)
			.flatMap((arg) -> Arrays.stream(arg.split(",")))
			.map(String::trim)
			.filter((name) -> !name.isEmpty())
			.toList();
		List<String> known = scenarios.stream().map(Scenario::name).toList();
		List<String> unknown = wanted.stream().filter((name) -> !known.contains(name)).toList();
		if (!unknown.isEmpty()) {
			throw new IllegalArgumentException("Unknown scenario " + unknown + "; the scenarios are " + known);
		}
		if (!wanted.isEmpty()) {
			scenarios.removeIf((scenario) -> !wanted.contains(scenario.name()));
		}
		out.println("talend-sat benchmarks: Java " + Runtime.version() + " on " + System.getProperty("os.name") + ", "
				+ Runtime.getRuntime().availableProcessors() + " cores, max heap "
				+ Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB");
		out.println("Client and emulator share this JVM and its cores; every call is GET " + BenchmarkClient.API_PATH
				+ " on 127.0.0.1 through a RestClient on the JDK HttpClient.");
		Report report = new Report(out);
		Map<Scenario, List<Result>> all = new LinkedHashMap<>();
		List<Check> checks = new ArrayList<>();
		try (TalendCloudEmulator emulator = TalendCloudEmulator.builder().account(Account.demo()).build().start()) {
			warmUp(emulator);
			for (Scenario scenario : scenarios) {
				String loadBefore = loadAverage();
				List<Result> results = scenario.run(emulator);
				report.scenario(scenario, results);
				out.println("   load average (1, 5, 15 min) before: " + loadBefore + ", after: " + loadAverage());
				all.put(scenario, results);
				checks.addAll(scenario.checks(results));
			}
		}
		report.summary(all, checks);
		out.println();
		out.printf(Locale.ROOT, "Benchmarks took %.0f s%n", (System.nanoTime() - started) / 1e9);
	}

	/**
	 * Read the system's load average, which shows whether something else competed for the
	 * cores during a scenario.
	 */
	private static String loadAverage() {
		try {
			String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
			return String.join(" ", fields[0], fields[1], fields[2]);
		}
		catch (IOException | RuntimeException ex) {
			return "unknown";
		}
	}

	/**
	 * Give the JIT compiler every path first, renewals included, so that the first
	 * scenario does not measure the interpreter.
	 */
	private static void warmUp(TalendCloudEmulator emulator) {
		for (Implementation implementation : Implementation.values()) {
			Scenario.prepare(emulator, WARM_UP_LIFETIME, Duration.ZERO);
			try (BenchmarkClient client = BenchmarkClients.create(implementation, emulator, WARM_UP_LIFETIME)) {
				Load.closedLoop(client, Rotation.THREADS, WARM_UP, Duration.ZERO, false, List.of());
			}
		}
		Scenario.settle();
	}

}
