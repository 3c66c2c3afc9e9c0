package dev.trajforge.simenv.retail;

import java.util.List;

/** Fixed vocabulary the seeded generators draw from: product types, names, places. */
final class RetailCatalog {
    private RetailCatalog() {
    }

    /** name | option:values | option:values ... | min-max price */
    static final List<String> PRODUCT_TYPES = List.of(
            "T-Shirt|color:black,blue,green,red,white|size:S,M,L,XL|12-40",
            "Running Shoes|color:black,grey,white|size:7,8,9,10,11|60-160",
            "Hiking Boots|material:leather,synthetic|size:8,9,10,11|90-250",
            "Backpack|color:black,green,navy|size:small,medium,large|35-120",
            "Water Bottle|capacity:500ml,750ml,1000ml|color:blue,green,red|10-45",
            "Desk Lamp|color:black,silver,white|power source:AC adapter,USB|20-90",
            "Office Chair|material:fabric,leather,mesh|color:black,grey|120-450",
            "Laptop|screen size:13-inch,15-inch|storage:256GB,512GB,1TB|700-2400",
            "Wireless Earbuds|color:black,white|battery life:6 hours,8 hours|50-220",
            "Headphones|type:in-ear,on-ear,over-ear|color:black,blue,red|40-350",
            "Smart Watch|color:black,gold,silver|band:leather,metal,silicone|150-500",
            "Mechanical Keyboard|switch type:blue,brown,red|layout:full size,tenkeyless|60-200",
            "Gaming Mouse|color:black,white|sensor:laser,optical|25-120",
            "Coffee Maker|capacity:4 cups,8 cups,12 cups|type:drip,espresso|40-300",
            "Electric Kettle|capacity:1L,1.5L,2L|material:glass,plastic,stainless steel|20-90",
            "Blender|capacity:1L,1.5L,2L|power:500W,800W,1200W|35-200",
            "Air Purifier|room size:small,medium,large|filter type:HEPA,carbon|80-400",
            "Vacuum Cleaner|type:canister,robotic,upright|bagged:bagged,bagless|90-600",
            "Yoga Mat|thickness:4mm,6mm,8mm|color:blue,pink,purple|15-70",
            "Dumbbell Set|weight range:5-25 lbs,30-50 lbs,55-75 lbs|material:iron,rubber|50-300",
            "Tennis Racket|head size:midsize,oversize|string:strung,unstrung|60-250",
            "Bicycle Helmet|size:S,M,L|color:black,red,white|30-150",
            "Camping Tent|capacity:2-person,4-person,6-person|season:3-season,4-season|90-500",
            "Sleeping Bag|temperature rating:0F,15F,30F|size:regular,long|45-250",
            "Fleece Jacket|color:black,navy,red|size:S,M,L,XL|35-110",
            "Rain Jacket|color:green,orange,yellow|size:S,M,L,XL|45-180",
            "Sunglasses|frame:metal,plastic|lens:non-polarized,polarized|20-200",
            "Wall Clock|style:digital,modern,rustic|color:black,white,wood|15-90",
            "Cookware Set|material:cast iron,nonstick,stainless steel|pieces:5,8,12|80-400",
            "Knife Set|material:ceramic,stainless steel|pieces:3,6,10|40-300",
            "Bookshelf|material:metal,wood|height:3 ft,5 ft,6 ft|60-300",
            "Desk|material:glass,metal,wood|size:small,medium,large|120-600",
            "Bed Sheets|size:full,king,queen|material:cotton,linen,polyester|30-180",
            "Pillow|filling:down,memory foam,polyester|size:king,standard|20-90",
            "Action Camera|resolution:1080p,4K,5K|waterproof:no,yes|120-500",
            "Digital Camera|resolution:20MP,24MP,30MP|zoom:3x,5x,10x|300-2000",
            "Tablet|screen size:8-inch,10-inch,12-inch|storage:64GB,128GB,256GB|200-1100",
            "E-Reader|storage:8GB,32GB|screen:glare-free,standard|80-300",
            "Bluetooth Speaker|color:black,blue,red|battery life:10 hours,20 hours|30-250",
            "Portable Charger|capacity:5000mAh,10000mAh,20000mAh|color:black,white|20-80",
            "Smartphone Case|material:leather,plastic,silicone|color:black,blue,clear|10-60",
            "Jigsaw Puzzle|pieces:500,1000,2000|theme:animals,art,fantasy|15-50",
            "Board Game|player count:2-4,4-6|theme:fantasy,strategy,trivia|20-90",
            "Skateboard|deck material:bamboo,maple|length:28 inch,31 inch|45-200",
            "Garden Hose|length:25ft,50ft,100ft|material:latex,rubber,vinyl|20-90",
            "Grill|type:charcoal,electric,gas|size:portable,medium,large|90-900",
            "Notebook|size:A4,A5|cover type:hard cover,soft cover|5-30",
            "Fountain Pen|nib size:fine,medium,broad|color:black,blue,red|20-180",
            "Perfume|size:30ml,50ml,100ml|scent family:citrus,floral,woody|40-200",
            "Makeup Kit|skin tone:dark,light,medium|kit size:basic,professional|30-180",
            "Electric Toothbrush|color:black,blue,white|speed settings:3,5|30-200",
            "Hair Dryer|power:1200W,1800W,2000W|color:black,pink,white|25-250",
            "Luggage Set|piece count:2-piece,3-piece|material:hardshell,softshell|120-600",
            "Indoor Security Camera|resolution:1080p,2K,4K|field of view:110 degrees,130 degrees|30-250");

    static final List<String> FIRST_NAMES = List.of("Aarav", "Ada", "Ahmed", "Aisha", "Alex", "Amelia", "Anya",
            "Arjun", "Ava", "Camila", "Chen", "Daiki", "Daniel", "Elena", "Emma", "Ethan", "Fatima", "Harper", "Hiro",
            "Isabella", "Ivan", "Jamal", "James", "Juan", "Kai", "Layla", "Lei", "Liam", "Lucas", "Mai", "Maria",
            "Mateo", "Mei", "Mia", "Mohamed", "Noah", "Nora", "Olivia", "Omar", "Priya", "Raj", "Rosa", "Sakura",
            "Sara", "Sofia", "Sven", "Tariq", "Thomas", "Uma", "Wei", "Yara", "Yusuf", "Zoe", "Lena", "Ivy", "Emil",
            "Freya", "Hugo", "Ines", "Kofi");

    static final List<String> LAST_NAMES = List.of("Ahmed", "Anderson", "Brown", "Chen", "Cohen", "Davis", "Diaz",
            "Garcia", "Gonzalez", "Gupta", "Hernandez", "Ito", "Jackson", "Johansson", "Johnson", "Kim", "Kovacs",
            "Lee", "Lopez", "Martin", "Martinez", "Moore", "Muller", "Nguyen", "Novak", "Okafor", "Patel", "Perez",
            "Rossi", "Sanchez", "Santos", "Silva", "Smith", "Sato", "Singh", "Taylor", "Thomas", "Wang", "White",
            "Wilson", "Wright", "Yamamoto", "Young", "Zhang", "Khan", "Li", "Lopez", "Hansen", "Bianchi", "Costa");

    /** city | state | zip prefix (3 digits) */
    static final List<String> CITIES = List.of("San Francisco|CA|941", "Los Angeles|CA|900", "San Diego|CA|921",
            "Seattle|WA|981", "Portland|OR|972", "Denver|CO|802", "Austin|TX|787", "Houston|TX|770", "Dallas|TX|752",
            "Chicago|IL|606", "Boston|MA|021", "New York|NY|100", "Philadelphia|PA|191", "Pittsburgh|PA|152",
            "Atlanta|GA|303", "Miami|FL|331", "Orlando|FL|328", "Phoenix|AZ|850", "Las Vegas|NV|891",
            "Minneapolis|MN|554", "Detroit|MI|482", "Columbus|OH|432", "Nashville|TN|372", "Charlotte|NC|282",
            "Washington|DC|200", "Baltimore|MD|212", "Salt Lake City|UT|841", "Kansas City|MO|641",
            "Milwaukee|WI|532", "Raleigh|NC|276");

    static final List<String> STREETS = List.of("Main Street", "Oak Avenue", "Pine Street", "Maple Drive", "Cedar Lane",
            "Elm Street", "Lakeview Road", "Hillcrest Avenue", "Sunset Boulevard", "River Road", "Park Avenue",
            "Washington Street", "Highland Drive", "Willow Way", "Chestnut Street", "Broadway", "Spring Street",
            "Forest Avenue", "Meadow Lane", "Harbor Drive");

    static final List<String> CARD_BRANDS = List.of("visa", "mastercard", "amex", "discover");
}
