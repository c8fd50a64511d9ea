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
import java.util.List;

import io.github.talendsat.test.TalendCloudEmulator;

/**
 * One benchmark scenario: it runs every implementation that applies and judges talend-sat
 * against its targets.
 *
 * @author talend-sat
 */
interface Scenario {

	/**
	 * Return the name used in the {@code RESULT} lines.
	 * @return the name
	 */
	String name();

	/**
	 * Return what the scenario does and how, printed above its table.
	 * @return the lines of the description
	 */
	List<String> description();

	/**
	 * Run the scenario against the emulator.
	 * @param emulator the emulator, shared by all scenarios
	 * @return one result per implementation
	 */
	List<Result> run(TalendCloudEmulator emulator);

	/**
	 * Judge talend-sat's results against the scenario's targets.
	 * @param results the results of {@link #run}
	 * @return the checks, empty if the scenario has no target
	 */
	List<Check> checks(List<Result> results);

	/**
	 * Clear the emulator's counters and logs and set it up for a measurement.
	 * @param emulator the emulator
	 * @param tokenLifetime the lifetime of the tokens it issues
	 * @param tokenDelay the delay of each token answer
	 */
	static void prepare(TalendCloudEmulator emulator, Duration tokenLifetime, Duration tokenDelay) {
		emulator.reset();
		emulator.tokenLifetime(tokenLifetime);
		emulator.tokenDelay(tokenDelay);
	}

	/**
	 * Find the result of an implementation.
	 * @param results the results
	 * @param implementation the implementation
	 * @return its result
	 */
	static Result of(List<Result> results, Implementation implementation) {
		return results.stream()
			.filter((result) -> result.implementation() == implementation)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("No result for " + implementation.label()));
	}

	/**
	 * Let go of the previous measurement's garbage before the next one starts, so that
	 * its collection does not land in the middle of another implementation's run.
	 */
	static void settle() {
		System.gc();
		try {
			Thread.sleep(200);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
