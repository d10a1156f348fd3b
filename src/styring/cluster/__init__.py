"""A cluster on one machine, to start and test: two web nodes (each with its own empty local folder),
task workers on Redis and HAProxy in front, all against one PostgreSQL database.

``python -m styring.cluster run`` (``make cluster``) starts it in the foreground until Ctrl-C;
``python -m styring.cluster check`` (``make cluster-check``) runs the scripted cycle and the loss of a
node through the balancer, starting the cluster first when none is running. Plain Python: the nodes
are ``styring`` processes, so nothing here imports Django."""
