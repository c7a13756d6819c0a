"""The distribution from os-release and how fixes are spelled on it."""

from __future__ import annotations

from podd.doctor.distro import install, kernel_arg, parse_os_release, sysctl


def test_families() -> None:
    ubuntu = parse_os_release('NAME="Ubuntu"\nID=ubuntu\nID_LIKE=debian\nVERSION_ID="24.04"\n')
    assert (ubuntu.family, ubuntu.is_ubuntu, ubuntu.version_at_least((24, 4))) == (
        "debian",
        True,
        True,
    )
    assert not ubuntu.version_at_least((24, 10))
    assert parse_os_release("ID=fedora\nVERSION_ID=40\n").family == "fedora"
    assert parse_os_release('ID="rocky"\nID_LIKE="rhel centos fedora"\n').family == "fedora"
    assert parse_os_release("ID=endeavouros\nID_LIKE=arch\n").family == "arch"
    assert parse_os_release("ID=manjaro\nID_LIKE=arch\n").family == "arch"
    alpine = parse_os_release("ID=alpine\n")
    assert (alpine.family, alpine.pretty) == ("unknown", "alpine")
    assert parse_os_release(None).pretty == "unknown Linux"


def test_install_commands() -> None:
    debian = parse_os_release("ID=debian\n")
    assert install(["newuidmap", "newgidmap", "conmon"], debian) == (
        "sudo apt-get install -y uidmap conmon"
    )
    assert install(["nft"], parse_os_release("ID=arch\n")) == "sudo pacman -S --needed nftables"
    assert install(["conmon"], parse_os_release("ID=alpine\n")) == (
        "install conmon with your distribution's package manager"
    )


def test_sysctl_and_kernel_arguments() -> None:
    assert sysctl("user.max_user_namespaces", 28633) == (
        "sudo sysctl -w user.max_user_namespaces=28633 && echo"
        " 'user.max_user_namespaces = 28633' | sudo tee -a /etc/sysctl.d/99-podd.conf"
    )
    arch = kernel_arg("x=1", parse_os_release("ID=arch\n"))
    assert "grub-mkconfig" in arch and "x=1" in arch
    assert kernel_arg("x=1", parse_os_release("ID=alpine\n")).startswith("add x=1 to the kernel")
