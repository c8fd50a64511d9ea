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
package io.github.talendsat.test;

import java.util.function.Function;
import java.util.function.Predicate;

import io.github.talendsat.test.Catalog.Workspace;
import org.jspecify.annotations.Nullable;

/**
 * The part of Talend's FIQL workspace filter that clients use: {@code selector==value}
 * comparisons joined by {@code ;} (and), on {@code id}, {@code name},
 * {@code environment.id} and {@code environment.name}.
 */
final class WorkspaceQuery {

	private WorkspaceQuery() {
	}

	/**
	 * Parse a filter.
	 * @param query the value of the {@code query} parameter, or {@code null} for none
	 * @return the matching predicate, or {@code null} if the filter is not supported
	 */
	static @Nullable Predicate<Workspace> parse(@Nullable String query) {
		Predicate<Workspace> filter = (workspace) -> true;
		if (query == null || query.isBlank()) {
			return filter;
		}
		for (String comparison : query.split(";", -1)) {
			Predicate<Workspace> condition = comparison(comparison.trim());
			if (condition == null) {
				return null;
			}
			filter = filter.and(condition);
		}
		return filter;
	}

	private static @Nullable Predicate<Workspace> comparison(String comparison) {
		int operator = comparison.indexOf("==");
		if (operator <= 0) {
			return null;
		}
		Function<Workspace, String> selector = selector(comparison.substring(0, operator).trim());
		String value = comparison.substring(operator + 2).trim();
		return (selector != null) ? (workspace) -> value.equals(selector.apply(workspace)) : null;
	}

	private static @Nullable Function<Workspace, String> selector(String name) {
		switch (name) {
			case "id":
				return Workspace::id;
			case "name":
				return Workspace::name;
			case "environment.id":
				return (workspace) -> workspace.environment().id();
			case "environment.name":
				return (workspace) -> workspace.environment().name();
			default:
				return null;
		}
	}

}
