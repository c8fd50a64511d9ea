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

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Prints tables for people and {@code RESULT} lines for machines.
 *
 * @author talend-sat
 */
final class Report {

	private final PrintStream out;

	Report(PrintStream out) {
		this.out = out;
	}

	void scenario(Scenario scenario, List<Result> results) {
		this.out.println();
		this.out.println("== " + scenario.name());
		scenario.description().forEach((line) -> this.out.println("   " + line));
		List<String> keys = keys(results);
		List<List<String>> rows = new ArrayList<>();
		List<String> header = new ArrayList<>();
		header.add("impl");
		header.addAll(keys);
		rows.add(header);
		for (Result result : results) {
			List<String> row = new ArrayList<>();
			row.add(result.implementation().label());
			keys.forEach((key) -> row.add(valueOf(result, key)));
			rows.add(row);
		}
		table(rows, 1);
		results.forEach((result) -> this.out.println(result.line()));
	}

	void summary(Map<Scenario, List<Result>> all, List<Check> checks) {
		this.out.println();
		this.out.println("== Summary");
		List<List<String>> rows = new ArrayList<>();
		List<String> header = new ArrayList<>();
		header.add("scenario");
		header.add("key");
		for (Implementation implementation : Implementation.values()) {
			header.add(implementation.label());
		}
		rows.add(header);
		all.forEach((scenario, results) -> {
			for (String key : keys(results)) {
				List<String> row = new ArrayList<>();
				row.add(scenario.name());
				row.add(key);
				for (Implementation implementation : Implementation.values()) {
					row.add(results.stream()
						.filter((result) -> result.implementation() == implementation)
						.findFirst()
						.map((result) -> valueOf(result, key))
						.orElse("-"));
				}
				rows.add(row);
			}
		});
		table(rows, 2);
		this.out.println();
		this.out.println("== Targets (talend-sat)");
		checks.forEach((check) -> this.out.println(check.line()));
		for (Check check : checks) {
			this.out.println("CHECK scenario=" + check.scenario() + " status=" + (check.passed() ? "PASS" : "FAIL")
					+ " target=\"" + check.target() + "\"");
		}
	}

	private static List<String> keys(List<Result> results) {
		Set<String> keys = new LinkedHashSet<>();
		results.forEach((result) -> keys.addAll(result.values().keySet()));
		keys.remove("applicable");
		return new ArrayList<>(keys);
	}

	private static String valueOf(Result result, String key) {
		if ("false".equals(result.get("applicable"))) {
			return Result.NOT_APPLICABLE;
		}
		String value = result.get(key);
		return (value != null) ? value : "-";
	}

	/**
	 * Print rows as a table: the first row is the header, the first columns are labels
	 * aligned left and the others values aligned right.
	 */
	private void table(List<List<String>> rows, int labelColumns) {
		int columns = rows.get(0).size();
		int[] widths = new int[columns];
		for (List<String> row : rows) {
			for (int i = 0; i < columns; i++) {
				widths[i] = Math.max(widths[i], row.get(i).length());
			}
		}
		for (int r = 0; r < rows.size(); r++) {
			StringBuilder line = new StringBuilder();
			for (int i = 0; i < columns; i++) {
				String cell = rows.get(r).get(i);
				line.append((i == 0) ? "" : " | ");
				line.append(pad(cell, widths[i], i >= labelColumns));
			}
			this.out.println(line.toString().stripTrailing());
			if (r == 0) {
				StringBuilder rule = new StringBuilder();
				for (int i = 0; i < columns; i++) {
					rule.append((i == 0) ? "" : "-+-").append("-".repeat(widths[i]));
				}
				this.out.println(rule);
			}
		}
	}

	private static String pad(String cell, int width, boolean right) {
		String space = " ".repeat(width - cell.length());
		return right ? space + cell : cell + space;
	}

}
