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

import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;
import org.springframework.util.Assert;
import org.springframework.util.CollectionUtils;

/**
 * The workflow with {@link TalendCloudApi}, an HTTP service interface that talend-sat
 * backs with a blocking {@code RestClient}, used unless the {@code reactive} profile is
 * active.
 *
 * @author talend-sat
 */
@Component
@Profile("!reactive")
class HttpServiceTalendWorkflow implements TalendWorkflow {

	private static final Log logger = LogFactory.getLog(HttpServiceTalendWorkflow.class);

	private final TalendCloudApi talend;

	private final SampleProperties properties;

	HttpServiceTalendWorkflow(TalendCloudApi talend, SampleProperties properties) {
		this.talend = talend;
		this.properties = properties;
	}

	@Override
	public Execution run() {
		Workspace workspace = first(this.talend.listWorkspaces("environment.name==default"),
				"No workspace in the default environment");
		Task task = first(tasks(workspace), "No task in workspace " + workspace.name());
		logger.info("Running task " + task.name() + " of workspace " + workspace.name());
		String executionId = start(task);
		Execution execution = pollAfterInterval(executionId);
		for (int polls = 1; !execution.hasEnded() && polls < this.properties.maxPolls(); polls++) {
			execution = pollAfterInterval(executionId);
		}
		return execution;
	}

	private @Nullable List<Task> tasks(Workspace workspace) {
		TaskPage page = this.talend.listTasks(workspace.id(), 1, 0);
		return (page != null) ? page.items() : null;
	}

	private String start(Task task) {
		ExecutionStarted started = this.talend.runTask(new ExecutionRequest(task));
		Assert.state(started != null, "Talend Cloud started the task without naming the execution");
		logger.info("Started execution " + started.executionId());
		return started.executionId();
	}

	private Execution pollAfterInterval(String executionId) {
		try {
			Thread.sleep(this.properties.pollInterval().toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for execution " + executionId, ex);
		}
		Execution execution = this.talend.execution(executionId);
		Assert.state(execution != null, "Talend Cloud described no execution " + executionId);
		logger.info("Execution " + executionId + ": " + execution.executionStatus());
		return execution;
	}

	private static <T> T first(@Nullable List<T> items, String problem) {
		Assert.state(!CollectionUtils.isEmpty(items), problem);
		return items.get(0);
	}

}
