using System.Globalization;
using System.Net;
using System.Xml.Linq;

namespace ChatOpsJit.Testing.Aws;

/// <summary>EC2 DescribeTags for the instances (i-…) of the caller's account and Region: Filter.N.Name / Filter.N.Value.M, paged.</summary>
internal sealed class Ec2Tags(AwsWorld world)
{
    private static readonly XNamespace Ns = AwsAnswer.Ec2Ns;

    public void AddTo(AwsOperations operations) => operations.Add("ec2", "DescribeTags", DescribeTags);

    private AwsAnswer DescribeTags(AwsRequest request)
    {
        var max = 1000;
        if (request.Field("MaxResults") is { } maxText && (!int.TryParse(maxText, NumberStyles.None, CultureInfo.InvariantCulture, out max) || max is < 5 or > 1000))
        {
            return AwsAnswer.Error(request, HttpStatusCode.BadRequest, "InvalidParameterValue", $"Value ( {maxText} ) for parameter maxResults is invalid. Expecting a value between 5 and 1000.");
        }

        var filters = Filters(request);
        if (filters.FirstOrDefault(f => f.Name is not ("resource-id" or "resource-type" or "key" or "value")) is { Name: { } unknown })
        {
            return AwsAnswer.Error(request, HttpStatusCode.BadRequest, "InvalidParameterValue", $"The filter '{unknown}' is invalid");
        }

        var tags = world.Nodes(request.Account, request.Region)
            .Where(n => !n.IsHybrid)
            .SelectMany(n => n.AllTags.Select(t => (Id: n.Id, t.Key, t.Value)))
            .Where(t => filters.All(f => f.Values.Contains(f.Name switch
            {
                "resource-id" => t.Id,
                "resource-type" => "instance",
                "key" => t.Key,
                _ => t.Value,
            })))
            .OrderBy(t => t.Id, StringComparer.Ordinal).ThenBy(t => t.Key, StringComparer.Ordinal)
            .ToList();
        var listing = $"DescribeTags/{request.Account}/{request.Region}/{string.Join(";", filters.Select(f => f.Name + "=" + string.Join(",", f.Values)))}";
        if (Paging.Offset(request.Field("NextToken"), listing) is not { } offset)
        {
            return AwsAnswer.Error(request, HttpStatusCode.BadRequest, "InvalidPaginationToken", "The specified pagination token is not valid.");
        }

        var (page, next) = Paging.Page(tags, offset, max, listing);
        var items = page.Select(t => new XElement(Ns + "item",
            new XElement(Ns + "resourceId", t.Id),
            new XElement(Ns + "resourceType", "instance"),
            new XElement(Ns + "key", t.Key),
            new XElement(Ns + "value", t.Value)));
        var content = new List<object> { new XElement(Ns + "tagSet", items) };
        if (next is not null)
        {
            content.Add(new XElement(Ns + "nextToken", next));
        }

        return AwsAnswer.Ec2(request, [.. content]);
    }

    private static List<(string Name, List<string> Values)> Filters(AwsRequest request)
    {
        var filters = new List<(string, List<string>)>();
        for (var i = 1; request.Field($"Filter.{i}.Name") is { } name; i++)
        {
            var values = new List<string>();
            for (var j = 1; request.Field($"Filter.{i}.Value.{j}") is { } value; j++)
            {
                values.Add(value);
            }

            filters.Add((name, values));
        }

        return filters;
    }
}
