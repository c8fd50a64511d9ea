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

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.context.properties.ConfigurationPropertiesReportEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.env.EnvironmentEndpointAutoConfiguration;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint.ConfigurationPropertiesBeanDescriptor;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.actuate.env.EnvironmentEndpoint.PropertySourceDescriptor;
import org.springframework.boot.actuate.env.EnvironmentEndpoint.PropertyValueDescriptor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TalendSanitizingAutoConfiguration}: client secrets stay masked in the
 * {@code env} and {@code configprops} endpoints even when they are set to show values.
 *
 * @author talend-sat
 */
class TalendSanitizingAutoConfigurationTests {

	private static final String SANITIZED = SanitizableData.SANITIZED_VALUE;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TalendSanitizingAutoConfiguration.class,
				EnvironmentEndpointAutoConfiguration.class,
				ConfigurationPropertiesReportEndpointAutoConfiguration.class,
				TalendServiceAccountAutoConfiguration.class))
		.withPropertyValues("management.endpoints.web.exposure.include=env,configprops",
				"management.endpoint.env.show-values=always", "management.endpoint.configprops.show-values=always",
				"talend.service-account.client-id=default-id", "talend.service-account.client-secret=default-secret",
				"talend.service-account.region=eu", "talend.service-account.accounts.billing-eu.client-id=billing-id",
				"talend.service-account.accounts.billing-eu.client-secret=billing-secret",
				"talend.service-account.accounts.billing-eu.region=eu");

	@Test
	void autoConfigurationWhenActuatorPresentThenProvidesSanitizingFunction() {
		this.contextRunner.run((context) -> assertThat(context).getBean("talendClientSecretSanitizingFunction")
			.isInstanceOf(ClientSecretSanitizingFunction.class));
	}

	@Test
	void autoConfigurationWhenUserDefinesFunctionOfSameNameThenBacksOff() {
		SanitizingFunction own = SanitizingFunction.sanitizeValue().ifKeyContains("secret");
		this.contextRunner.withBean("talendClientSecretSanitizingFunction", SanitizingFunction.class, () -> own)
			.run((context) -> assertThat(context).getBean("talendClientSecretSanitizingFunction").isSameAs(own));
	}

	@Test
	void autoConfigurationWhenActuatorMissingThenNoFunction() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(TalendSanitizingAutoConfiguration.class,
					TalendServiceAccountAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(SanitizingFunction.class))
			.withPropertyValues("talend.service-account.client-id=default-id",
					"talend.service-account.client-secret=default-secret", "talend.service-account.region=eu")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean("talendClientSecretSanitizingFunction");
			});
	}

	@Test
	void envEndpointWhenShowValuesAlwaysThenSecretsMaskedAndOtherValuesShown() {
		this.contextRunner.run((context) -> {
			EnvironmentEndpoint endpoint = context.getBean(EnvironmentEndpoint.class);
			assertThat(endpoint.environmentEntry("talend.service-account.client-secret").getProperty().getValue())
				.isEqualTo(SANITIZED);
			assertThat(endpoint.environmentEntry("talend.service-account.accounts.billing-eu.client-secret")
				.getProperty()
				.getValue()).isEqualTo(SANITIZED);
			assertThat(endpoint.environmentEntry("talend.service-account.client-id").getProperty().getValue())
				.isEqualTo("default-id");
		});
	}

	@Test
	void envEndpointWhenSecretsComeFromEnvironmentVariablesThenMasked() {
		Map<String, Object> variables = Map.of("TALEND_SERVICEACCOUNT_CLIENTSECRET", "variable-secret",
				"TALEND_SERVICEACCOUNT_ACCOUNTS_OPS_CLIENTSECRET", "ops-variable-secret",
				"TALEND_SERVICEACCOUNT_CLIENTID", "variable-id");
		this.contextRunner
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new SystemEnvironmentPropertySource("testVariables", variables)))
			.run((context) -> {
				PropertySourceDescriptor source = context.getBean(EnvironmentEndpoint.class)
					.environment(null)
					.getPropertySources()
					.stream()
					.filter((descriptor) -> descriptor.getName().equals("testVariables"))
					.findFirst()
					.orElseThrow();
				assertThat(source.getProperties().get("TALEND_SERVICEACCOUNT_CLIENTSECRET").getValue())
					.isEqualTo(SANITIZED);
				assertThat(source.getProperties().get("TALEND_SERVICEACCOUNT_ACCOUNTS_OPS_CLIENTSECRET").getValue())
					.isEqualTo(SANITIZED);
				assertThat(source.getProperties().get("TALEND_SERVICEACCOUNT_CLIENTID").getValue())
					.isEqualTo("variable-id");
			});
	}

	@Test
	void envEndpointWhenUserFunctionRewritesEveryValueThenSecretsStillMasked() {
		this.contextRunner
			.withBean("rewriting", SanitizingFunction.class, () -> (data) -> data.withValue("seen:" + data.getValue()))
			.run((context) -> {
				EnvironmentEndpoint endpoint = context.getBean(EnvironmentEndpoint.class);
				assertThat(endpoint.environmentEntry("talend.service-account.client-secret").getProperty().getValue())
					.isEqualTo(SANITIZED);
				assertThat(endpoint.environmentEntry("talend.service-account.client-id").getProperty().getValue())
					.isEqualTo("seen:default-id");
			});
	}

	@Test
	void configpropsEndpointWhenShowValuesAlwaysThenSecretsMaskedInPropertiesAndInputs() {
		this.contextRunner.run((context) -> {
			ConfigurationPropertiesBeanDescriptor talend = context.getBean(ConfigurationPropertiesReportEndpoint.class)
				.configurationProperties()
				.getContexts()
				.get(context.getId())
				.getBeans()
				.values()
				.stream()
				.filter((bean) -> bean.getPrefix().equals("talend.service-account"))
				.findFirst()
				.orElseThrow();
			String rendered = talend.getProperties() + " " + talend.getInputs();
			assertThat(rendered).contains("default-id")
				.contains("billing-id")
				.doesNotContain("default-secret")
				.doesNotContain("billing-secret");
			assertThat(talend.getProperties()).containsEntry("clientSecret", SANITIZED);
		});
	}

	@Test
	void isClientSecretWhenAnyBindableFormThenTrue() {
		assertThat(ClientSecretSanitizingFunction.isClientSecret("talend.service-account.client-secret")).isTrue();
		assertThat(ClientSecretSanitizingFunction.isClientSecret("talend.service-account.clientSecret")).isTrue();
		assertThat(ClientSecretSanitizingFunction
			.isClientSecret("talend.service-account.accounts.billing-eu.client-secret")).isTrue();
		assertThat(ClientSecretSanitizingFunction.isClientSecret("talend.service-account.accounts[ops].client_secret"))
			.isTrue();
		assertThat(ClientSecretSanitizingFunction.isClientSecret("TALEND_SERVICEACCOUNT_CLIENTSECRET")).isTrue();
		assertThat(ClientSecretSanitizingFunction.isClientSecret("talend.service-account.client-id")).isFalse();
		assertThat(ClientSecretSanitizingFunction.isClientSecret("talend.service-account.region")).isFalse();
		assertThat(ClientSecretSanitizingFunction.isClientSecret("other.client-secret")).isFalse();
	}

	@Test
	void applyWhenKeyIsNotAClientSecretThenValueKept() {
		SanitizableData data = new SanitizableData(new MapPropertySource("test", Map.of()),
				"talend.service-account.client-id", "default-id");
		assertThat(new ClientSecretSanitizingFunction(Set::of).apply(data).getValue()).isEqualTo("default-id");
	}

	@Test
	void envEndpointWhenSecretIsAPlaceholderForAVariableThenVariableEntryMaskedToo() {
		Map<String, Object> variables = Map.of("TALEND_CLIENT_SECRET", "variable-held-secret", "TALEND_CLIENT_ID",
				"variable-held-id", "SPRING_APPLICATION_JSON",
				"{\"talend\":{\"service-account\":{\"accounts\":{\"ops\":{\"client-secret\":\"json-held-secret\","
						+ "\"client-id\":\"ops-id\",\"region\":\"us\"}}}}}");
		this.contextRunner.withPropertyValues("talend.service-account.client-secret=${TALEND_CLIENT_SECRET}")
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new SystemEnvironmentPropertySource("testVariables", variables)))
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("json",
						Map.of("talend.service-account.accounts.ops.client-secret", "json-held-secret",
								"talend.service-account.accounts.ops.client-id", "ops-id",
								"talend.service-account.accounts.ops.region", "us"))))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				Map<String, PropertyValueDescriptor> shown = context.getBean(EnvironmentEndpoint.class)
					.environment(null)
					.getPropertySources()
					.stream()
					.filter((descriptor) -> descriptor.getName().equals("testVariables"))
					.findFirst()
					.orElseThrow()
					.getProperties();
				assertThat(shown.get("TALEND_CLIENT_SECRET").getValue()).isEqualTo(SANITIZED);
				assertThat(shown.get("SPRING_APPLICATION_JSON").getValue()).isEqualTo(SANITIZED);
				assertThat(shown.get("TALEND_CLIENT_ID").getValue()).isEqualTo("variable-held-id");
			});
	}

}
