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

/**
 * The clients compared, in the order the tables show them.
 *
 * @author talend-sat
 */
enum Implementation {

	/**
	 * talend-sat: the account's token cache behind {@code TalendBearerInterceptor}.
	 */
	STARTER("starter"),

	/**
	 * Spring Security wired the stock way, with talend-sat's token request.
	 */
	BASELINE("baseline"),

	/**
	 * A token obtained once up front and sent as it is: the floor.
	 */
	FIXED("fixed");

	private final String label;

	Implementation(String label) {
		this.label = label;
	}

	String label() {
		return this.label;
	}

}
