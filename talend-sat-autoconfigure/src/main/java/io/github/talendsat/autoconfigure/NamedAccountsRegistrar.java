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

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.talendsat.account.TalendServiceAccount;

/**
 * Registers, for each account under {@code talend.service-account.accounts.<name>}, an
 * account bean and its clients under predictable names: for {@code billing-eu},
 * {@code talendBillingEuServiceAccount}, {@code talendBillingEuRestClient} and
 * {@code talendBillingEuWebClient}. They are not default injection candidates, so that
 * they never compete with the default account's beans: ask for them by name with
 * {@code @Qualifier}. A bean the application already defines under one of those names is
 * left alone.
 *
 * @author talend-sat
 */
class NamedAccountsRegistrar
		implements ImportBeanDefinitionRegistrar, EnvironmentAware, BeanFactoryAware, BeanClassLoaderAware {

	static final String ACCOUNTS_PREFIX = TalendServiceAccountPropertiesMapper.DEFAULT_PREFIX + ".accounts";

	private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");

	private Environment environment;

	private BeanFactory beanFactory;

	private ClassLoader classLoader;

	@Override
	public void setBeanClassLoader(ClassLoader classLoader) {
		this.classLoader = classLoader;
	}

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		boolean restClientPresent = ClassUtils.isPresent("org.springframework.web.client.RestClient", this.classLoader);
		boolean webClientPresent = ClassUtils.isPresent("org.springframework.web.reactive.function.client.WebClient",
				this.classLoader) && ClassUtils.isPresent("reactor.core.publisher.Mono", this.classLoader);
		Map<String, String> namesByPrefix = new HashMap<>();
		for (String name : new TreeSet<>(accountNames(this.environment))) {
			String prefix = beanNamePrefix(checkedName(name));
			String clash = namesByPrefix.putIfAbsent(prefix, name);
			if (clash != null) {
				throw new InvalidTalendPropertyException(ACCOUNTS_PREFIX + "." + name, null, "Account names '" + clash
						+ "' and '" + name + "' give the same bean names (" + prefix + "...): rename one of them");
			}
			String accountBean = prefix + "ServiceAccount";
			register(registry, accountBean, TalendServiceAccount.class, () -> account(name));
			if (restClientPresent) {
				register(registry, prefix + "RestClient", RestClient.class,
						() -> TalendRestClientAutoConfiguration.restClient(this.beanFactory, accountBean(accountBean)));
			}
			if (webClientPresent) {
				register(registry, prefix + "WebClient", WebClient.class,
						() -> TalendWebClientAutoConfiguration.webClient(this.beanFactory, accountBean(accountBean)));
			}
		}
	}

	private static String checkedName(String name) {
		if (!NAME.matcher(name).matches()) {
			throw new InvalidTalendPropertyException(ACCOUNTS_PREFIX + "." + name, null,
					"Account names are lower-case letters, digits and hyphens, starting with a letter");
		}
		if (TalendServiceAccountPropertiesMapper.DEFAULT_ACCOUNT_NAME.equals(name)) {
			throw new InvalidTalendPropertyException(ACCOUNTS_PREFIX + "." + name, null,
					"'" + name + "' names the account configured directly under "
							+ TalendServiceAccountPropertiesMapper.DEFAULT_PREFIX + ": choose another name");
		}
		return name;
	}

	/**
	 * Return the names of the configured accounts, without binding their values, which
	 * may refer to beans and placeholders not yet resolvable.
	 */
	static Set<String> accountNames(Environment environment) {
		return Binder.get(environment)
			.bind(ACCOUNTS_PREFIX, Bindable.mapOf(String.class, Object.class))
			.map((accounts) -> accounts.keySet())
			.orElse(Set.of());
	}

	/**
	 * Turn an account name into the camel-case prefix of its bean names:
	 * {@code billing-eu} gives {@code talendBillingEu}.
	 */
	static String beanNamePrefix(String name) {
		StringBuilder prefix = new StringBuilder("talend");
		for (String part : name.split("-")) {
			prefix.append(StringUtils.capitalize(part));
		}
		return prefix.toString();
	}

	private TalendServiceAccount account(String name) {
		TalendServiceAccountProperties properties = this.beanFactory.getBean(TalendServiceAccountProperties.class);
		return this.beanFactory.getBean(TalendServiceAccountPropertiesMapper.class)
			.toNamedAccount(name, properties.getAccounts().get(name));
	}

	private TalendServiceAccount accountBean(String beanName) {
		return this.beanFactory.getBean(beanName, TalendServiceAccount.class);
	}

	private static <T> void register(BeanDefinitionRegistry registry, String beanName, Class<T> type,
			Supplier<T> supplier) {
		if (registry.containsBeanDefinition(beanName)) {
			return;
		}
		RootBeanDefinition definition = new RootBeanDefinition(type, supplier);
		definition.setDefaultCandidate(false);
		definition.setDestroyMethodName(AbstractBeanDefinition.INFER_METHOD);
		registry.registerBeanDefinition(beanName, definition);
	}

}
