using EmoStream.Dashboard.Security;

namespace EmoStream.Dashboard.Tests.Web;

public sealed class ListenAddressesTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5000", true)]
    [InlineData("http://localhost:5000", true)]
    [InlineData("http://[::1]:5000", true)]
    [InlineData("https://127.0.0.2:443/", true)]
    [InlineData("http://127.0.0.1:5000;http://[::1]:5000", true)]
    [InlineData("http://0.0.0.0:5000", false)]
    [InlineData("http://[::]:5000", false)]
    [InlineData("http://*:5000", false)]
    [InlineData("http://+:80", false)]
    [InlineData("http://192.168.1.20:5000", false)]
    [InlineData("http://dashboard.example:5000", false)]
    [InlineData("http://127.0.0.1:5000;http://0.0.0.0:5001", false)]
    public void Only_loopback_addresses_count_as_loopback(string urls, bool loopback) =>
        Assert.Equal(loopback, ListenAddresses.AreLoopback(urls));
}
