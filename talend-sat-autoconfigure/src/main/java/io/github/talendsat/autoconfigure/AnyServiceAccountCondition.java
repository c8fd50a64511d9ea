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

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionMessage.Style;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.ConfigurationCondition;
import org.springframework.core.type.AnnotatedTypeMetadata;

import io.github.talendsat.account.TalendServiceAccount;

/**
 * Matches when the context defines at least one {@link TalendServiceAccount}, the default
 * account or a named one. {@code @ConditionalOnBean} cannot tell: it ignores beans that
 * are not default injection candidates, and named accounts are not.
 *
 * @author talend-sat
 */
class AnyServiceAccountCondition extends SpringBootCondition implements ConfigurationCondition {

	@Override
	public ConfigurationPhase getConfigurationPhase() {
		return ConfigurationPhase.REGISTER_BEAN;
	}

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		ConditionMessage.Builder message = ConditionMessage.forCondition("Any Talend service account");
		ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
		String[] accounts = (beanFactory != null)
				? beanFactory.getBeanNamesForType(TalendServiceAccount.class, true, false) : new String[0];
		if (accounts.length == 0) {
			return ConditionOutcome.noMatch(message.didNotFind("bean of type TalendServiceAccount").atAll());
		}
		return ConditionOutcome
			.match(message.found("account bean", "account beans").items(Style.QUOTE, List.of(accounts)));
	}

}
