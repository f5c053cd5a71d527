"""The shipped Accelerate configs load with Accelerate's own parser."""

from __future__ import annotations

import pytest
from accelerate.commands.config.config_args import load_config_from_file


@pytest.mark.parametrize("name, kind", [("single_gpu", "NO"), ("multi_gpu", "MULTI_GPU"),
                                        ("deepspeed_zero2", "DEEPSPEED"), ("fsdp", "FSDP"),
                                        ("cpu_2proc", "MULTI_CPU")])
def test_config_loads(repo_root, name, kind):
    config = load_config_from_file(str(repo_root / "configs" / "accelerate" / f"{name}.yaml"))
    assert str(config.distributed_type).endswith(kind)
    if name == "deepspeed_zero2":
        assert config.deepspeed_config["zero_stage"] == 2 and config.mixed_precision == "bf16"
    if name == "fsdp":
        assert config.fsdp_config["fsdp_sharding_strategy"] == "FULL_SHARD"
