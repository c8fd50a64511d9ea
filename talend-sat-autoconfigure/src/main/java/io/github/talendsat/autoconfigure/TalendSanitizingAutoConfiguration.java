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
package io.github.talendsat.autoconfigure;

import java.util.stream.Collectors;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Auto-configuration of a {@link SanitizingFunction} that masks the client secrets of
 * Talend service accounts in the {@code env} and {@code configprops} actuator endpoints.
 * Spring Boot applies sanitizing functions exactly when an endpoint is set to show
 * values, which is when a secret would otherwise appear in clear; this one runs first, so
 * that no other function can let the secret through.
 *
 * @author talend-sat
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnClass(SanitizingFunction.class)
public final class TalendSanitizingAutoConfiguration {

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	@ConditionalOnMissingBean(name = "talendClientSecretSanitizingFunction")
	SanitizingFunction talendClientSecretSanitizingFunction(ObjectProvider<TalendServiceAccountProperties> properties) {
		return new ClientSecretSanitizingFunction(() -> properties.stream()
			.flatMap((bound) -> ClientSecretSanitizingFunction.secretsOf(bound).stream())
			.collect(Collectors.toUnmodifiableSet()));
	}

}
