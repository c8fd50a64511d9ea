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
package io.github.talendsat.sample;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.Assert;

/**
 * How the sample waits for the end of the execution it started.
 *
 * @param pollInterval time between two status requests
 * @param maxPolls how many status requests to make at most before giving up
 * @author talend-sat
 */
@ConfigurationProperties("sample")
record SampleProperties(@DefaultValue("2s") Duration pollInterval, @DefaultValue("150") int maxPolls) {

	SampleProperties {
		Assert.isTrue(!pollInterval.isNegative() && !pollInterval.isZero(), "sample.poll-interval must be positive");
		Assert.isTrue(maxPolls > 0, "sample.max-polls must be positive");
	}

}
