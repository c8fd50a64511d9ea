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
 * A target for talend-sat and whether the measurement met it.
 *
 * @param scenario the scenario
 * @param target what was expected
 * @param measured what was measured
 * @param passed whether the target was met
 * @author talend-sat
 */
record Check(String scenario, String target, String measured, boolean passed) {

	String line() {
		return (this.passed ? "PASS " : "FAIL ") + this.scenario + ": " + this.target + " (measured: " + this.measured
				+ ")";
	}

}
