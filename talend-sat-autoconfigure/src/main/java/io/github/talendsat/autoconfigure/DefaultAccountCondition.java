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

import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when the default account, {@code talend.service-account.*}, is wanted: when any
 * of its own properties is set, or when no named account is configured (then its required
 * properties are reported as missing).
 *
 * @author talend-sat
 */
class DefaultAccountCondition extends SpringBootCondition {

	private static final List<String> OWN_PROPERTIES = List.of("client-id", "client-secret", "region", "base-url");

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		ConditionMessage.Builder message = ConditionMessage.forCondition("Default Talend service account");
		Environment environment = context.getEnvironment();
		for (String property : OWN_PROPERTIES) {
			String key = TalendServiceAccountPropertiesMapper.DEFAULT_PREFIX + "." + property;
			if (environment.containsProperty(key)) {
				return ConditionOutcome.match(message.found("property").items(key));
			}
		}
		if (NamedAccountsRegistrar.accountNames(environment).isEmpty()) {
			return ConditionOutcome.match(message.because("no named account is configured"));
		}
		return ConditionOutcome.noMatch(message.because("only named accounts are configured"));
	}

}
